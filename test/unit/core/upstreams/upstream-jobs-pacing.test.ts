import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { QuotaProber } from '../../../../electron/core/upstreams/quota-prober';
import type { TokenRefresher } from '../../../../electron/core/upstreams/token-refresher';
import { createUpstreamJobs } from '../../../../electron/core/upstreams/upstream-jobs';
import type { UpstreamsStore } from '../../../../electron/core/upstreams/upstreams-store';

/** Counts the event loop's turns: an immediate that queues the next one runs once per turn. */
function turnCounter() {
  let turns = 0;
  let counting = true;
  const tick = () => {
    turns++;
    if (counting) setImmediate(tick);
  };
  setImmediate(tick);
  return { now: () => turns, stop: () => void (counting = false) };
}

describe('the background sweep', () => {
  it('starts its jobs one turn of the event loop apart, refreshes and quota reads alike', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `upstream-${i}`);
    const turns = turnCounter();
    const started: Record<'refresh' | 'probe', number[]> = { refresh: [], probe: [] };
    // Each job takes a while, as a request to OpenAI does, so the first eight are in flight together.
    const job = (kind: 'refresh' | 'probe') => async () => {
      started[kind].push(turns.now());
      await new Promise((resolve) => setTimeout(resolve, 20));
    };
    const jobs = createUpstreamJobs({
      logger: pino({ level: 'silent' }),
      now: () => 0,
      store: { dueForRefresh: async () => ids, dueForProbe: async () => ids } as unknown as UpstreamsStore,
      refresher: { refresh: job('refresh') } as unknown as TokenRefresher,
      prober: { probe: job('probe') } as unknown as QuotaProber,
    });
    await jobs.sweep();
    turns.stop();
    for (const kind of ['refresh', 'probe'] as const) {
      expect(started[kind]).toHaveLength(ids.length);
      // Started back to back, as the concurrency limit lets them, they would share one turn.
      expect(new Set(started[kind]).size).toBe(ids.length);
    }
  });
});
