import type { Foundation } from '../foundation';
import { sameAccount } from '../../../shared/accounts/same-account';
import { CONSOLE_ACTOR, type Actor } from '../audit/audit-log';
import { createSingleFlight } from '../single-flight';
import { AppError } from '../errors';
import { refreshTokens, type RefreshOutcome } from '../openai/token-refresh-client';
import { accessTokenExpiry, accountClaims } from '../openai/token-claims';
import { identityOf, type UpstreamRecord, type UpstreamsStore } from './upstreams-store';

const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 30 * 60_000;

/** 1 min, 2, 4… up to 30 min after transient failures in a row; longer if the server asks. */
export function retryDelay(failures: number, retryAfterSeconds: number | null): number {
  return Math.max(Math.min(FIRST_RETRY_MS * 2 ** (failures - 1), MAX_RETRY_MS), (retryAfterSeconds ?? 0) * 1000);
}

/**
 * Token refresh for upstreams (reference §3). Never two refreshes of one account at once — a
 * reused refresh token is fatal upstream — neither within this process (one shared promise per
 * account) nor across processes on one database (`refresh_started_at`, committed before the
 * request leaves and cleared in the transaction that saves the answer).
 */
export function createTokenRefresher(
  deps: Pick<Foundation, 'changes' | 'logger' | 'issuer' | 'now'> & {
    store: UpstreamsStore;
  },
) {
  const { store, changes, logger, now } = deps;
  const refreshes = createSingleFlight<UpstreamRecord>();

  async function failed(
    upstream: UpstreamRecord,
    actor: Actor,
    reason: string,
    permanent: boolean,
    retryAfterSeconds: number | null = null,
  ): Promise<void> {
    const failures = upstream.refresh_failures + 1;
    await changes.write(async (write) => {
      if (permanent) await store.setState(upstream.id, 'reauth_required', reason);
      else
        await store.setState(upstream.id, 'refresh_failed', reason, {
          failures,
          nextAt: now() + retryDelay(failures, retryAfterSeconds),
        });
      await write.audit({
        actor,
        action: 'upstream.refresh_failed',
        targetType: 'upstream',
        targetId: upstream.id,
        poolId: null,
        details: { email: upstream.email, reason, permanent },
      });
      write.emit({ name: 'upstreams.changed', payload: { upstreamId: upstream.id } });
    });
    logger.warn({ upstream: upstream.id, reason, permanent }, 'token refresh failed');
  }

  async function saved(
    upstream: UpstreamRecord,
    actor: Actor,
    outcome: Extract<RefreshOutcome, { kind: 'refreshed' }>,
    old: ReturnType<UpstreamsStore['tokens']>,
  ): Promise<void> {
    const accessToken = outcome.accessToken ?? old.accessToken;
    const refreshToken = outcome.refreshToken ?? old.refreshToken;
    const idToken = outcome.idToken ?? old.idToken;
    if (!accessToken || !refreshToken || !idToken) return failed(upstream, actor, 'incomplete_answer', true);
    let claims;
    try {
      claims = accountClaims(idToken);
    } catch {
      return failed(upstream, actor, 'unreadable_id_token', true);
    }
    // Tokens for another account must never land on this one.
    if (!sameAccount(claims, identityOf(upstream))) return failed(upstream, actor, 'account_mismatch', true);
    await changes.write(async (write) => {
      await store.replaceTokens(upstream.id, {
        email: claims.email ?? upstream.email,
        planType: claims.planType ?? upstream.plan_type,
        tokens: { accessToken, refreshToken, idToken },
        accessTokenExpiresAt: accessTokenExpiry(accessToken),
      });
      await write.audit({
        actor,
        action: 'upstream.refreshed',
        targetType: 'upstream',
        targetId: upstream.id,
        poolId: null,
        details: { email: upstream.email },
      });
      write.emit({ name: 'upstreams.changed', payload: { upstreamId: upstream.id } });
    });
  }

  async function run(id: string, actor: Actor): Promise<UpstreamRecord> {
    const upstream = await store.existing(id);
    if (upstream.handed_off_at !== null) {
      // Its refresh token now belongs to wherever it was handed: a refresh here would break that side.
      throw new AppError(
        'not_active',
        'This account was handed over; relink it before the console refreshes it again.',
      );
    }
    if (upstream.credential_state === 'reauth_required' || !upstream.refresh_token) {
      throw new AppError('not_active', 'This account must be relinked: its refresh token no longer works.');
    }
    const old = store.tokens(upstream);
    if (!(await store.beginRefresh(id))) {
      // Another console on this database is refreshing it right now: its answer will do.
      return store.existing(id);
    }
    let outcome: RefreshOutcome;
    try {
      outcome = old.refreshToken
        ? await refreshTokens(deps.issuer(), old.refreshToken)
        : { kind: 'reauth_required', reason: 'no_refresh_token' };
    } catch (err) {
      logger.error({ err, upstream: id }, 'token refresh crashed');
      outcome = { kind: 'transient', reason: 'network', retryAfterSeconds: null };
    }
    if (outcome.kind === 'refreshed') await saved(upstream, actor, outcome, old);
    else
      await failed(
        upstream,
        actor,
        outcome.reason,
        outcome.kind === 'reauth_required',
        outcome.kind === 'transient' ? outcome.retryAfterSeconds : null,
      );
    return store.existing(id);
  }

  return {
    /** Refreshes one account; callers that arrive while it runs share its answer. */
    refresh: (id: string, actor: Actor = CONSOLE_ACTOR): Promise<UpstreamRecord> =>
      refreshes.run(id, () => run(id, actor)),

    /**
     * At start-up: a refresh that was under way when the console stopped may have spent the
     * refresh token upstream without its answer being saved. Retrying would loop on a dead (or
     * reused, and so revoked) token, so those accounts are marked for a relink instead. With
     * several servers on one database, only marks older than `startedBefore` are another
     * process's that stopped: a younger one may be a live server's refresh under way.
     */
    async recoverInterrupted(startedBefore = Number.MAX_SAFE_INTEGER): Promise<number> {
      const interrupted = await store.interruptedRefreshes(startedBefore);
      for (const id of interrupted) {
        const upstream = await store.existing(id);
        await changes.write(async (write) => {
          await store.setState(id, 'reauth_required', 'refresh_interrupted');
          write.emit({ name: 'upstreams.changed', payload: { upstreamId: id } });
          await write.audit({
            actor: CONSOLE_ACTOR,
            action: 'upstream.refresh_failed',
            targetType: 'upstream',
            targetId: id,
            poolId: null,
            details: { email: upstream.email, reason: 'refresh_interrupted', permanent: true },
          });
        });
        logger.warn({ upstream: id }, 'a token refresh was interrupted; the account needs a relink');
      }
      return interrupted.length;
    },

    isRefreshing: refreshes.has,
  };
}

export type TokenRefresher = ReturnType<typeof createTokenRefresher>;
