import type { Foundation } from '../foundation';
import type { WriteBatch } from '../db/write-batch';
import { AppError } from '../errors';
import { fetchUsage, type UsageOutcome } from '../openai/usage-client';
import { createSingleFlight } from '../single-flight';
import type { TokenRefresher } from './token-refresher';
import { REFRESH_WINDOW_MS, unknownUpstream, type UpstreamRecord, type UpstreamsStore } from './upstreams-store';

/** Readings are kept fresh: the next one comes before the 15-minute stale mark, jittered. */
const PROBE_EVERY_MS = 14 * 60_000;
const PROBE_JITTER_MS = 60_000;
const RETRY_FAILED_MS = 5 * 60_000;

/**
 * Reads an upstream's quota from the usage endpoint (reference §9) and stores it with its
 * observation time. A 401 gets one token refresh and one retry.
 */
export function createQuotaProber(
  deps: Pick<Foundation, 'events' | 'logger' | 'now'> & {
    store: UpstreamsStore;
    /** Readings that arrive together are stored in one commit (a sweep's bursts). */
    batch: WriteBatch;
    refresher: TokenRefresher;
    baseUrl: () => string;
    random?: () => number;
  },
) {
  const { store, refresher, events, logger, now } = deps;
  const random = deps.random ?? Math.random;
  const probes = createSingleFlight<void>();

  const usable = (upstream: UpstreamRecord | undefined): upstream is UpstreamRecord =>
    upstream !== undefined &&
    upstream.access_token !== null &&
    (upstream.credential_state === 'ready' || upstream.credential_state === 'refresh_failed');

  async function read(upstream: UpstreamRecord): Promise<UsageOutcome> {
    const { accessToken } = store.tokens(upstream);
    return fetchUsage(deps.baseUrl(), { accessToken: accessToken!, accountId: upstream.chatgpt_account_id }, now());
  }

  async function freshUpstream(id: string): Promise<UpstreamRecord | undefined> {
    const upstream = await store.byId(id);
    // A token about to expire is refreshed first rather than sent to be refused.
    if (
      usable(upstream) &&
      upstream.credential_state === 'ready' &&
      upstream.access_token_expires_at !== null &&
      upstream.access_token_expires_at <= now() + REFRESH_WINDOW_MS
    ) {
      await refresher.refresh(id).catch(() => undefined);
      return store.byId(id);
    }
    return upstream;
  }

  async function run(id: string): Promise<void> {
    let upstream = await freshUpstream(id);
    if (!upstream) throw unknownUpstream();
    if (!usable(upstream))
      throw new AppError('not_active', 'This account must be relinked before its quota can be read.');
    let outcome = await read(upstream);
    if (outcome.kind === 'unauthorized') {
      logger.info({ upstream: id, reason: outcome.reason }, 'usage read refused the access token; refreshing once');
      await refresher.refresh(id).catch(() => undefined);
      upstream = await store.byId(id);
      if (usable(upstream) && upstream.credential_state === 'ready') outcome = await read(upstream);
    }
    const at = now();
    const result = outcome;
    if (result.kind === 'usage') {
      await deps.batch(() => store.saveQuota(id, result, at + PROBE_EVERY_MS + Math.floor(random() * PROBE_JITTER_MS)));
    } else {
      const retryAfter = result.kind === 'failed' ? (result.retryAfterSeconds ?? 0) * 1000 : 0;
      await deps.batch(() => store.quotaFailed(id, result.reason, at + Math.max(RETRY_FAILED_MS, retryAfter)));
      logger.warn({ upstream: id, reason: result.reason }, 'quota read failed');
    }
    events.emit({ name: 'upstreams.changed', payload: { upstreamId: id } });
  }

  return {
    /** Reads one account's quota now; callers that arrive while it runs share its answer. */
    probe: (id: string): Promise<void> => probes.run(id, () => run(id)),
    isProbing: probes.has,
  };
}

export type QuotaProber = ReturnType<typeof createQuotaProber>;
