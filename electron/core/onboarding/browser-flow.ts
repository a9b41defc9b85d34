import { INVITE_TOKEN, type BrowserStart, type PasteError } from '../../../shared/onboarding/page-api';
import type { OnboardingPageState } from '../../../shared/onboarding/page-state';
import type { Db } from '../db/open-database';
import { writeTransaction } from '../db/write-transaction';
import { hashInviteToken } from '../invites/invite-token';
import type { InviteRecord } from '../invites/invite-record';
import type { InvitesQuery } from '../invites/invites-query';
import type { Logger } from '../log/logger';
import { startBrowserAttempt } from '../openai/browser-sign-in';
import type { OAuthTokens } from '../openai/device-code-client';
import { exchangePastedCode, readPastedSignIn } from '../openai/pasted-sign-in';
import type { Secrets } from '../secrets/secrets';
import type { BrowserAttempts } from './browser-attempts';
import { errorState, usable } from './page-state';
import type { SessionRow, SessionStore } from './session-store';

/** How long an attempt lasts from the authorize URL to the paste (reference §11.8: Hydra's 10 minutes). */
const BROWSER_ATTEMPT_MS = 10 * 60_000;

export type PasteOutcome = { state: OnboardingPageState } | { error: PasteError };

/**
 * The invite page's second way in (reference §11): the console makes the PKCE verifier and a
 * state bound to the invite, gives the page only the authorize URL, and later takes the pasted
 * callback address (or bare code), checks its state, exchanges the code once with the verifier,
 * and completes exactly as a device approval does.
 */
export function createBrowserFlow(deps: {
  db: Db;
  query: InvitesQuery;
  sessions: SessionStore;
  attempts: BrowserAttempts;
  secrets: Pick<Secrets, 'status'>;
  logger: Logger;
  issuer: () => string;
  now: () => number;
  /** Completes onboarding with the tokens (joins the open transaction). */
  complete(session: SessionRow, tokens: OAuthTokens): void;
  /** What the page for a token shows now, and tells every open page. */
  stateFor(hash: Buffer): OnboardingPageState;
  push(inviteId: string): void;
}) {
  const { attempts, sessions, query, now } = deps;

  /** The invite under a token, if it can still be acted on; else what its page shows. */
  function actionable(token: string): { invite: InviteRecord; hash: Buffer } | { state: OnboardingPageState } {
    if (!INVITE_TOKEN.test(token)) return { state: { view: 'unavailable' } };
    const hash = hashInviteToken(token);
    const invite = query.byTokenHash(hash);
    return usable(invite, now()) ? { invite, hash } : { state: deps.stateFor(hash) };
  }

  /** Ends the invite's attempt with a failure the page explains (denied, no Codex). */
  function failWith(invite: InviteRecord, hash: Buffer, failure: 'denied' | 'codex_not_enabled') {
    writeTransaction(deps.db, () => {
      attempts.end(invite.id, 'failed');
      sessions.fail(sessions.startBrowser(invite.id, hash).id, failure);
    });
    deps.push(invite.id);
  }

  return {
    start(token: string): BrowserStart | OnboardingPageState {
      const found = actionable(token);
      if ('state' in found) return found.state;
      if (!deps.secrets.status().available) return errorState(found.invite, 'console_unavailable');
      const attempt = startBrowserAttempt(deps.issuer());
      const expiresAt = now() + BROWSER_ATTEMPT_MS;
      attempts.start({ inviteId: found.invite.id, tokenHash: found.hash, ...attempt, expiresAt });
      return { authorizeUrl: attempt.authorizeUrl, expiresAt };
    },

    async paste(token: string, text: string): Promise<PasteOutcome> {
      const found = actionable(token);
      if ('state' in found) return found;
      const { invite, hash } = found;
      const live = attempts.live(invite.id, hash);
      if ('missing' in live) return { error: live.missing };
      const pasted = readPastedSignIn(text, (state) => attempts.stateMatches(live.attempt, state));
      if (pasted.kind === 'invalid') return { error: pasted.error };
      if (pasted.kind === 'refused') {
        failWith(invite, hash, pasted.codexNotEnabled ? 'codex_not_enabled' : 'denied');
        return { state: deps.stateFor(hash) };
      }
      if (!attempts.claim(invite.id)) return { error: 'attempt_expired' };
      const exchanged = await exchangePastedCode(
        deps.issuer(),
        { code: pasted.code, verifier: attempts.verifier(live.attempt) },
        deps.logger,
      );
      if ('error' in exchanged) {
        attempts.end(invite.id, 'failed');
        return { error: exchanged.error };
      }
      const { tokens } = exchanged;
      // Completed exactly as a device approval is: the same checks and races, in one transaction.
      writeTransaction(deps.db, () => {
        attempts.end(invite.id, 'done');
        deps.complete(sessions.startBrowser(invite.id, hash), tokens);
      });
      deps.push(invite.id);
      return { state: deps.stateFor(hash) };
    },

    sweep: () => attempts.sweep(),
  };
}
