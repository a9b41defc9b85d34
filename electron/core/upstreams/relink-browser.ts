import { createHash, timingSafeEqual } from 'node:crypto';
import { PASTE_ERRORS, type BrowserStart, type PasteError } from '../../../shared/onboarding/page-api';
import { AppError } from '../errors';
import type { Logger } from '../log/logger';
import { startBrowserAttempt } from '../openai/browser-sign-in';
import type { OAuthTokens } from '../openai/device-code-client';
import { exchangePastedCode, readPastedSignIn, type PastedSignIn } from '../openai/pasted-sign-in';

/** How long the operator has from the authorize URL to the paste (reference §11.8: Hydra's 10 minutes). */
export const RELINK_BROWSER_MS = 10 * 60_000;

/** An in-console browser sign-in: in memory only, like the relink's device code. */
export interface RelinkBrowserAttempt {
  verifier: string;
  state: string;
  expiresAt: number;
}

/** What a paste asks for once it is read: exchange a code, or end the relink with OpenAI's refusal. */
export type RelinkPaste = Exclude<PastedSignIn, { kind: 'invalid' }>;

/** A paste error as the contract's typed error; the pasted text is never part of it. */
function pasteError(problem: PasteError): AppError {
  const message = PASTE_ERRORS[problem];
  switch (problem) {
    case 'state_mismatch':
      return new AppError('state_mismatch', message);
    case 'attempt_expired':
      return new AppError('not_active', message);
    case 'openai_unavailable':
      return new AppError('openai_unavailable', message);
    default:
      return new AppError('validation_failed', message, { text: message });
  }
}

const digest = (text: string) => createHash('sha256').update(text).digest();

export function newRelinkBrowserAttempt(
  issuer: string,
  now: number,
): { attempt: RelinkBrowserAttempt; start: BrowserStart } {
  const { verifier, state, authorizeUrl } = startBrowserAttempt(issuer);
  const expiresAt = now + RELINK_BROWSER_MS;
  return { attempt: { verifier, state, expiresAt }, start: { authorizeUrl, expiresAt } };
}

/**
 * Reads what the operator pasted against the relink's attempt, by the invite page's rules
 * (reference §11.9); a paste it refuses is the contract's typed error.
 */
export function readRelinkPaste(attempt: RelinkBrowserAttempt, text: string, now: number): RelinkPaste {
  if (attempt.expiresAt <= now) throw pasteError('attempt_expired');
  const pasted = readPastedSignIn(text, (state) => timingSafeEqual(digest(state), digest(attempt.state)));
  if (pasted.kind === 'invalid') throw pasteError(pasted.error);
  return pasted;
}

/** Exchanges the pasted code once with the attempt's verifier (reference §11.5). */
export async function exchangeRelinkCode(
  issuer: string,
  attempt: RelinkBrowserAttempt,
  code: string,
  logger: Logger,
): Promise<OAuthTokens> {
  const exchanged = await exchangePastedCode(issuer, { code, verifier: attempt.verifier }, logger);
  if ('error' in exchanged) throw pasteError(exchanged.error);
  return exchanged.tokens;
}
