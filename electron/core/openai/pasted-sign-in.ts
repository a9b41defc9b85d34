import type { PasteError } from '../../../shared/onboarding/page-api';
import type { Logger } from '../log/logger';
import { BROWSER_REDIRECT_URI } from './browser-sign-in';
import { missingCodexEntitlement, parseCallbackPaste } from './callback-paste';
import { exchangeAuthorizationCode, OpenAIUnavailable, type OAuthTokens } from './device-code-client';

/** What a paste asks for once read: exchange a code, end the sign-in with OpenAI's refusal, or refuse the paste. */
export type PastedSignIn =
  | { kind: 'code'; code: string }
  | { kind: 'refused'; codexNotEnabled: boolean }
  | { kind: 'invalid'; error: PasteError };

/**
 * Reads a pasted callback address (or bare code) against one attempt, by reference §11.9: a state
 * must be this attempt's, and an error's text counts only with the right one (rule 6). The invite
 * page and the console's Relink keep their attempts differently; `stateMatches` asks theirs.
 */
export function readPastedSignIn(text: string, stateMatches: (state: string) => boolean): PastedSignIn {
  const pasted = parseCallbackPaste(text);
  if (pasted.kind === 'invalid') return { kind: 'invalid', error: pasted.problem };
  if (pasted.state !== null ? !stateMatches(pasted.state) : pasted.kind === 'error')
    return { kind: 'invalid', error: 'state_mismatch' };
  if (pasted.kind === 'error') return { kind: 'refused', codexNotEnabled: missingCodexEntitlement(pasted.description) };
  return { kind: 'code', code: pasted.code };
}

/** Exchanges a pasted code once with its attempt's verifier (reference §11.5); OpenAI refusing or absent is a paste error. */
export async function exchangePastedCode(
  issuer: string,
  grant: { code: string; verifier: string },
  logger: Logger,
): Promise<{ tokens: OAuthTokens } | { error: 'code_rejected' | 'openai_unavailable' }> {
  try {
    const tokens = await exchangeAuthorizationCode(issuer, {
      authorizationCode: grant.code,
      codeVerifier: grant.verifier,
      redirectUri: BROWSER_REDIRECT_URI,
    });
    return { tokens };
  } catch (err) {
    if (!(err instanceof OpenAIUnavailable)) throw err;
    logger.warn({ status: err.status }, 'a browser sign-in code was not exchanged');
    const refused = err.status !== null && err.status >= 400 && err.status < 500;
    return { error: refused ? 'code_rejected' : 'openai_unavailable' };
  }
}
