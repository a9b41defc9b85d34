import type { Foundation } from '../foundation';
import pLimit from 'p-limit';
import { createPacer } from '../pacer';
import type { QuotaProber } from './quota-prober';
import type { TokenRefresher } from './token-refresher';
import type { UpstreamsStore } from './upstreams-store';

const TICK_MS = 30_000;
const KICK_DELAY_MS = 250;
/** Requests to OpenAI the background jobs have in flight at most, all accounts together. */
const JOB_CONCURRENCY = 8;

/**
 * The background work on upstreams: refresh tokens before they expire and read quotas on
 * schedule. Each sweep takes what is due from SQLite, so a sweep run twice does no double work.
 */
export function createUpstreamJobs(
  deps: Pick<Foundation, 'logger' | 'now'> & {
    store: UpstreamsStore;
    refresher: TokenRefresher;
    prober: QuotaProber;
  },
) {
  const { store, refresher, prober, logger } = deps;
  const limit = pLimit(JOB_CONCURRENCY);
  const paced = createPacer();
  let timer: NodeJS.Timeout | null = null;
  let kickTimer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  const quietly = (what: string, id: string) => (err: unknown) =>
    logger.debug({ err, upstream: id }, `${what} skipped`);

  async function sweepOnce(): Promise<void> {
    const refreshes = (await store.dueForRefresh(deps.now())).map((id) =>
      limit(() => paced(() => refresher.refresh(id).then(() => undefined, quietly('refresh', id)))),
    );
    await Promise.all(refreshes);
    const probes = (await store.dueForProbe(deps.now())).map((id) =>
      limit(() => paced(() => prober.probe(id).catch(quietly('quota read', id)))),
    );
    await Promise.all(probes);
  }

  const background = () => {
    sweep().catch((err: unknown) => logger.warn({ err }, 'the background sweep failed'));
  };

  /** One sweep at a time; a sweep asked for while one runs waits for it and then runs. */
  function sweep(): Promise<void> {
    const next = (running ?? Promise.resolve()).then(sweepOnce);
    running = next.finally(() => {
      if (running === next) running = null;
    });
    return next;
  }

  return {
    sweep,
    start() {
      if (timer) return;
      timer = setInterval(background, TICK_MS);
      timer.unref();
      this.kick();
    },
    /** Something changed (an account linked, say): sweep soon rather than at the next tick. */
    kick() {
      if (!timer || kickTimer) return;
      kickTimer = setTimeout(() => {
        kickTimer = null;
        background();
      }, KICK_DELAY_MS);
      kickTimer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      if (kickTimer) clearTimeout(kickTimer);
      timer = kickTimer = null;
    },
  };
}
