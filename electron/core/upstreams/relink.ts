import type { Foundation } from '../foundation';
import { sameAccount } from '../../../shared/accounts/same-account';
import type { RelinkFailure, RelinkState } from '../../../shared/contract';
import { PASTE_ERRORS, type BrowserStart } from '../../../shared/onboarding/page-api';
import type { Actor } from '../audit/audit-log';
import { AppError } from '../errors';
import { OpenAIUnavailable, type OAuthTokens } from '../openai/device-code-client';
import { createDeviceLoginEngine, type DeviceIds, type PendingLogin } from '../openai/device-login';
import { accessTokenExpiry, accountClaims } from '../openai/token-claims';
import {
  exchangeRelinkCode,
  newRelinkBrowserAttempt,
  readRelinkPaste,
  RELINK_BROWSER_MS,
  type RelinkBrowserAttempt,
} from './relink-browser';
import { identityOf, type UpstreamsStore } from './upstreams-store';

interface Relink extends Omit<PendingLogin, 'id' | 'deadlineAt'> {
  actor: Actor;
  state: RelinkState;
  /** Dropped as soon as the relink ends: nothing can be done with it afterwards. */
  device: DeviceIds | null;
  /** The browser way's verifier and state, once the operator chose it; spent by the first paste. */
  browser: RelinkBrowserAttempt | null;
  expiry: NodeJS.Timeout | null;
}

/** A browser relink is never polled: this only fills the pace fields a relink carries. */
const pace = (now: number) => ({ intervalSeconds: 5, transientFailures: 0, nextPollAt: now });

/**
 * Relink: a login run from the console for one upstream — a device code the operator passes to
 * the account's owner, or (where device-code login is off) a browser sign-in whose landing address
 * is pasted back (reference §11). Both run the rules of invite onboarding and, on approval,
 * replace the stored tokens — only if the approving account is the same account. Codes and
 * verifiers live in memory only: a relink does not outlive the console.
 */
export function createRelinks(
  deps: Pick<Foundation, 'changes' | 'events' | 'logger' | 'issuer' | 'now'> & {
    store: UpstreamsStore;
    /** Revokes the account's relink link, if one is out: this relink won. Joins the write. */
    revokeLink: (id: string, actor: Actor) => Promise<unknown>;
    onLinked: (id: string) => void;
  },
) {
  const { store, changes, events, logger, now } = deps;
  const relinks = new Map<string, Relink>();

  function publish(id: string, patch: Partial<RelinkState>) {
    const relink = relinks.get(id);
    if (!relink) return;
    relink.state = { ...relink.state, ...patch };
    // The code is only worth showing while it can still be approved.
    if (relink.state.state !== 'pending') {
      relink.state.userCode = null;
      relink.device = null;
      relink.browser = null;
      clearTimeout(relink.expiry ?? undefined);
    }
    events.emit({ name: 'upstreams.relink', payload: relink.state });
    events.emit({ name: 'upstreams.changed', payload: { upstreamId: id } });
  }

  const failed = (id: string, failure: RelinkFailure, approvedEmail: string | null = null) =>
    publish(id, { state: 'failed', failure, approvedEmail });

  const pending = (id: string) => {
    const relink = relinks.get(id);
    return relink?.state.state === 'pending' ? relink : undefined;
  };
  /** Pending on a device code: what the engine polls (a poll in flight when the browser way took over stops). */
  const polling = (id: string) => {
    const relink = pending(id);
    return relink?.device ? relink : undefined;
  };

  /** The approving account's tokens land, if it is this account; joins nothing (its own write). */
  async function land(id: string, relink: Relink, tokens: OAuthTokens): Promise<void> {
    const upstream = await store.byId(id);
    if (!upstream) return;
    const claims = accountClaims(tokens.idToken);
    if (!sameAccount(claims, identityOf(upstream))) return failed(id, 'account_mismatch', claims.email);
    await changes.write(async (write) => {
      await store.replaceTokens(id, {
        email: claims.email ?? upstream.email,
        planType: claims.planType ?? upstream.plan_type,
        tokens,
        accessTokenExpiresAt: accessTokenExpiry(tokens.accessToken),
      });
      await store.recordLineage(id, 'relink', relink.actor.name);
      await deps.revokeLink(id, relink.actor);
      await write.audit({
        actor: relink.actor,
        action: 'upstream.relinked',
        targetType: 'upstream',
        targetId: id,
        poolId: null,
        details: { email: upstream.email, via: 'console' },
      });
    });
    publish(id, { state: 'connected' });
    deps.onLinked(id);
  }

  const engine = createDeviceLoginEngine({
    issuer: deps.issuer,
    now,
    logger,
    store: {
      pending(id) {
        const relink = polling(id);
        return relink && { id, ...relink, deadlineAt: relink.state.expiresAt ?? now() };
      },
      device: (id) => {
        const device = polling(id)?.device;
        if (!device) throw new Error(`no pending relink for ${id}`);
        return device;
      },
      reschedule(id, plan) {
        const relink = polling(id);
        if (relink) Object.assign(relink, plan);
        return relink !== undefined;
      },
    },
    hooks: {
      isCurrent: async (login) => (await store.byId(login.id)) !== undefined,
      async onApproved(id, tokens) {
        const relink = polling(id);
        if (relink) await land(id, relink, tokens);
      },
      onFailed: (id, failure) => failed(id, failure === 'superseded' ? 'cancelled' : failure),
    },
  });

  /** Ends a pending relink without a word: another way of signing in replaces it at once. */
  function drop(id: string) {
    const relink = relinks.get(id);
    if (!relink) return;
    engine.cancel(id);
    clearTimeout(relink.expiry ?? undefined);
    relinks.delete(id);
  }

  function cancel(id: string): RelinkState {
    if (pending(id)) {
      engine.cancel(id);
      failed(id, 'cancelled');
    }
    return (
      relinks.get(id)?.state ?? {
        upstreamId: id,
        state: 'failed',
        via: 'code',
        userCode: null,
        verificationUrl: null,
        expiresAt: null,
        failure: 'cancelled',
        approvedEmail: null,
      }
    );
  }

  return {
    cancel,

    /** The owner relinked the account through a relink link: a relink running here has lost. */
    superseded(id: string) {
      if (!pending(id)) return;
      engine.cancel(id);
      failed(id, 'relinked_by_link');
    },

    async start(id: string, actor: Actor): Promise<RelinkState> {
      await store.existing(id);
      // Back from the browser way to a code: that is a switch, not a cancellation to report.
      if (pending(id)?.state.via === 'browser') drop(id);
      cancel(id);
      let code;
      try {
        code = await engine.requestCode();
      } catch (err) {
        if (!(err instanceof OpenAIUnavailable)) throw err;
        throw new AppError('openai_unavailable', 'OpenAI did not hand out a device code. Try again in a minute.');
      }
      const relink: Relink = {
        actor,
        device: { deviceAuthId: code.deviceAuthId, userCode: code.userCode },
        browser: null,
        expiry: null,
        intervalSeconds: code.intervalSeconds,
        transientFailures: 0,
        nextPollAt: now() + code.intervalSeconds * 1000,
        state: {
          upstreamId: id,
          state: 'pending',
          via: 'code',
          userCode: code.userCode,
          verificationUrl: `${deps.issuer()}/codex/device`,
          expiresAt: code.expiresAt,
          failure: null,
          approvedEmail: null,
        },
      };
      relinks.set(id, relink);
      engine.watch({ id, ...relink, deadlineAt: code.expiresAt });
      events.emit({ name: 'upstreams.changed', payload: { upstreamId: id } });
      return relink.state;
    },

    /**
     * The browser way (reference §11): a fresh PKCE attempt replaces whatever this relink was
     * waiting for; only the authorize URL leaves the core.
     */
    async browserStart(id: string, actor: Actor): Promise<BrowserStart> {
      await store.existing(id);
      const { attempt, start } = newRelinkBrowserAttempt(deps.issuer(), now());
      drop(id);
      const relink: Relink = {
        actor,
        device: null,
        browser: attempt,
        ...pace(now()),
        expiry: null,
        state: {
          upstreamId: id,
          state: 'pending',
          via: 'browser',
          userCode: null,
          verificationUrl: null,
          expiresAt: attempt.expiresAt,
          failure: null,
          approvedEmail: null,
        },
      };
      relink.expiry = setTimeout(() => {
        if (pending(id) === relink) failed(id, 'code_expired');
      }, RELINK_BROWSER_MS).unref();
      relinks.set(id, relink);
      events.emit({ name: 'upstreams.relink', payload: relink.state });
      events.emit({ name: 'upstreams.changed', payload: { upstreamId: id } });
      return start;
    },

    /**
     * The address the browser landed on (or the bare code): read by the invite page's rules,
     * exchanged once, and landed under the same-account rule. A bad paste is a typed error and
     * changes nothing; the text is never echoed or kept.
     */
    async browserPaste(id: string, text: string): Promise<RelinkState> {
      await store.existing(id);
      const relink = pending(id);
      const attempt = relink?.browser;
      if (!relink || !attempt) throw new AppError('not_active', PASTE_ERRORS.no_attempt);
      const read = readRelinkPaste(attempt, text, now());
      if (read.kind === 'refused') {
        failed(id, read.codexNotEnabled ? 'codex_not_enabled' : 'denied');
        return relink.state;
      }
      // Spent before the exchange: a second paste of the same address is refused, not sent twice.
      relink.browser = null;
      const tokens = await exchangeRelinkCode(deps.issuer(), attempt, read.code, logger);
      // Cancelled, expired or won by a relink link while OpenAI answered: that ending stands.
      if (pending(id) === relink) await land(id, relink, tokens);
      return relink.state;
    },

    isPending: (id: string) => pending(id) !== undefined,

    stop() {
      engine.stop();
      for (const relink of relinks.values()) clearTimeout(relink.expiry ?? undefined);
      relinks.clear();
    },
  };
}
