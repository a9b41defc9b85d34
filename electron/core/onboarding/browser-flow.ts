import { INVITE_TOKEN, type BrowserStart, type PasteError } from '../../../shared/onboarding/page-api';
import type { OnboardingPageState } from '../../../shared/onboarding/page-state';
import type { SqlDatabase } from '../db/sql/sql-database';
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
  db: SqlDatabase;
  query: InvitesQuery;
  sessions: SessionStore;
  attempts: BrowserAttempts;
  secrets: Pick<Secrets, 'status'>;
  logger: Logger;
  issuer: () => string;
  now: () => number;
  /** Completes onboarding with the tokens (joins the open write). */
  complete(session: SessionRow, tokens: OAuthTokens): Promise<void>;
  /** What the page for a token shows now, and tells every open page. */
  stateFor(hash: Buffer): Promise<OnboardingPageState>;
  push(inviteId: string): Promise<void>;
}) {
  const { attempts, sessions, query, now } = deps;

  /** The invite under a token, if it can still be acted on; else what its page shows. */
  async function actionable(
    token: string,
  ): Promise<{ invite: InviteRecord; hash: Buffer } | { state: OnboardingPageState }> {
    if (!INVITE_TOKEN.test(token)) return { state: { view: 'unavailable' } };
    const hash = hashInviteToken(token);
    const invite = await query.byTokenHash(hash);
    return usable(invite, now()) ? { invite, hash } : { state: await deps.stateFor(hash) };
  }

  /** Ends the invite's attempt with a failure the page explains (denied, no Codex). */
  async function failWith(invite: InviteRecord, hash: Buffer, failure: 'denied' | 'codex_not_enabled') {
    await deps.db.write(async () => {
      await attempts.end(invite.id, 'failed');
      await sessions.fail((await sessions.startBrowser(invite.id, hash)).id, failure);
    });
    await deps.push(invite.id);
  }

  return {
    async start(token: string): Promise<BrowserStart | OnboardingPageState> {
      const found = await actionable(token);
      if ('state' in found) return found.state;
      if (!deps.secrets.status().available) return errorState(found.invite, 'console_unavailable');
      const attempt = startBrowserAttempt(deps.issuer());
      const expiresAt = now() + BROWSER_ATTEMPT_MS;
      await attempts.start({ inviteId: found.invite.id, tokenHash: found.hash, ...attempt, expiresAt });
      return { authorizeUrl: attempt.authorizeUrl, expiresAt };
    },

    async paste(token: string, text: string): Promise<PasteOutcome> {
      const found = await actionable(token);
      if ('state' in found) return found;
      const { invite, hash } = found;
      const live = await attempts.live(invite.id, hash);
      if ('missing' in live) return { error: live.missing };
      const pasted = readPastedSignIn(text, (state) => attempts.stateMatches(live.attempt, state));
      if (pasted.kind === 'invalid') return { error: pasted.error };
      if (pasted.kind === 'refused') {
        await failWith(invite, hash, pasted.codexNotEnabled ? 'codex_not_enabled' : 'denied');
        return { state: await deps.stateFor(hash) };
      }
      if (!(await attempts.claim(invite.id))) return { error: 'attempt_expired' };
      const exchanged = await exchangePastedCode(
        deps.issuer(),
        { code: pasted.code, verifier: attempts.verifier(live.attempt) },
        deps.logger,
      );
      if ('error' in exchanged) {
        await attempts.end(invite.id, 'failed');
        return { error: exchanged.error };
      }
      const { tokens } = exchanged;
      // Completed exactly as a device approval is: the same checks and races, in one write.
      await deps.db.write(async () => {
        await attempts.end(invite.id, 'done');
        await deps.complete(await sessions.startBrowser(invite.id, hash), tokens);
      });
      await deps.push(invite.id);
      return { state: await deps.stateFor(hash) };
    },

    sweep: () => attempts.sweep(),
  };
}
