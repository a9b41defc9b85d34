import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { createCore, DATABASE_FILE } from '../../electron/core';
import { pageStatement, SEARCH_WINDOW } from '../../electron/core/invites/invites-query';
import type { InviteFilters } from '../../shared/contract';
import { deleteKeychainKey } from '../support/test-core';
import { makeTempDir } from '../support/temp-dir';
import { seedInvites } from './seed-invites';
import { bareSqlite } from './bare-sql';
import { percentile, timeAlternating } from './stats';

const PAGE = 100;
const RUNS = 60;
/** Milliseconds of calls a side to time at least: a query of 0.2 ms runs 1,000 times, not 60. */
const SAMPLE_BUDGET_MS = 200;
const MAX_RUNS = 1_000;
/** Milliseconds of untimed calls first, both sides in turn, until the heap has settled to them. */
const WARM_UP_MS = 150;
/**
 * The same before the first combination after seeding, whose heap is furthest from settled: with
 * 150 ms its first row at 1M read 2.5x bare at p95 in two runs in a row; with 1 s the whole table's
 * worst read 1.15-1.2x in three runs of four. (A full collection there instead did not help.)
 */
const FIRST_WARM_UP_MS = 1000;

/**
 * Warms both sides up for `forMs` and says how often to time them: at least RUNS times, and more
 * for fast ones, so that a p95 is not the third slowest of 60 sub-millisecond samples. Without the
 * warm-up the first combinations after seeding a million rows ran while V8 had shrunk its young
 * generation: a collection every few dozen calls, far more often than later, on the side that
 * allocates more (the handler maps each row to the contract's shape).
 */
async function warmUp(a: () => Promise<unknown>, b: () => Promise<unknown>, forMs: number): Promise<number> {
  const started = performance.now();
  let pairs = 0;
  do {
    await a();
    await b();
    pairs++;
  } while (performance.now() - started < forMs);
  const perSide = (performance.now() - started) / pairs / 2;
  return Math.min(MAX_RUNS, Math.max(RUNS, Math.ceil(SAMPLE_BUDGET_MS / Math.max(perSide, 0.01))));
}

interface Combo {
  label: string;
  filters: InviteFilters;
}

function combos(poolId: string): Combo[] {
  const list: Combo[] = [];
  for (const [poolLabel, pool] of [
    ['all Pools', undefined],
    ['one Pool', poolId],
  ] as const) {
    for (const status of [undefined, 'active', 'expired', 'accepted', 'revoked'] as const) {
      for (const [searchLabel, search] of [
        ['', undefined],
        ['search "company7."', 'company7.'],
        ['search "user4242@"', 'user4242@'],
      ] as const) {
        list.push({
          label: [poolLabel, status ?? 'any status', searchLabel].filter(Boolean).join(', '),
          filters: { ...(pool ? { poolId: pool } : {}), ...(status ? { status } : {}), ...(search ? { search } : {}) },
        });
      }
    }
  }
  return list;
}

const ms = (samples: number[]) => `${percentile(samples, 50).toFixed(2)}/${percentile(samples, 95).toFixed(2)}`;

/**
 * Per filter combination: the first page and a page 10,000 matching rows deep, timed through
 * the core's handler (dispatch: validation, query, mapping) and as the bare SQL statement the
 * handler runs, one call of each in turn. A search call scans a bounded window and may return a short page;
 * "full page" adds up the calls a scrolling console makes until it has 100 rows or reaches the end.
 */
export async function benchInviteQueries(count: number): Promise<void> {
  const dir = makeTempDir('pooler-bench-invites');
  const env = { POOLER_KEYCHAIN_SERVICE: `pooler-bench-${process.pid}` };
  const now = Date.now();
  try {
    const seeding = performance.now();
    const poolIds = await seedInvites(dir.path, count, env, now);
    const core = await createCore({ dataDir: dir.path, version: 'bench', env });
    console.log(
      `\nInvites list at ${count.toLocaleString()} invites (seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s), p50/p95 ms, page of ${PAGE}:`,
    );
    console.log(
      `${'filters'.padEnd(44)} ${'first: handler'.padStart(15)} ${'bare SQL'.padStart(11)} ${'deep: handler'.padStart(15)} ${'bare SQL'.padStart(11)}  full page (calls)`,
    );
    const db = new Database(join(dir.path, DATABASE_FILE), { readonly: true });
    const maxSeq = (db.prepare('SELECT max(seq) AS m FROM invites').get() as { m: number }).m;
    const bareSql = bareSqlite(db);
    let worstHandler = 0;
    let worstRatio = 0;
    for (const [index, combo] of combos(poolIds[7]!).entries()) {
      const list = (cursor?: number) =>
        core.dispatch('invites.list', { ...combo.filters, limit: PAGE, ...(cursor ? { cursor } : {}) }) as Promise<{
          ok: true;
          data: { invites: unknown[]; nextCursor: number | null };
        }>;
      const bare = (cursor?: number) => {
        const top = Math.min(cursor ?? Number.MAX_SAFE_INTEGER, maxSeq + 1);
        const { statement } = pageStatement(
          'sqlite',
          { ...combo.filters, limit: PAGE, now: Date.now() },
          top,
          SEARCH_WINDOW,
        );
        return Promise.resolve(bareSql(statement).run());
      };
      // Walk to the 10,000th matching row to find the deep cursor.
      let deepCursor: number | undefined;
      let seen = 0;
      let cursor: number | undefined;
      while (seen < 10_000) {
        const page = (await list(cursor)).data;
        seen += page.invites.length;
        if (page.nextCursor === null) break;
        cursor = page.nextCursor;
        if (seen >= 10_000) deepCursor = cursor;
      }
      const [firstHandler, firstBare] = await timeAlternating(
        () => list(),
        () => bare(),
        await warmUp(
          () => list(),
          () => bare(),
          index === 0 ? FIRST_WARM_UP_MS : WARM_UP_MS,
        ),
      );
      const [deepHandler, deepBare] = deepCursor
        ? await timeAlternating(
            () => list(deepCursor),
            () => bare(deepCursor),
            await warmUp(
              () => list(deepCursor),
              () => bare(deepCursor),
              WARM_UP_MS,
            ),
          )
        : [null, null];
      let full = '';
      if (combo.filters.search) {
        const started = performance.now();
        let rows = 0;
        let calls = 0;
        let next: number | undefined;
        do {
          const page = (await list(next)).data;
          rows += page.invites.length;
          calls++;
          next = page.nextCursor ?? undefined;
        } while (rows < PAGE && next);
        full = `${(performance.now() - started).toFixed(1)} ms (${calls})`;
      }
      for (const [handler, bareSamples] of [
        [firstHandler, firstBare],
        [deepHandler, deepBare],
      ] as const) {
        if (!handler || !bareSamples) continue;
        worstHandler = Math.max(worstHandler, percentile(handler, 95));
        worstRatio = Math.max(worstRatio, percentile(handler, 95) / Math.max(percentile(bareSamples, 95), 0.05));
      }
      console.log(
        `${combo.label.padEnd(44)} ${ms(firstHandler).padStart(15)} ${ms(firstBare).padStart(11)} ${(deepHandler ? ms(deepHandler) : 'n/a').padStart(15)} ${(deepBare ? ms(deepBare) : 'n/a').padStart(11)}  ${full}`,
      );
    }
    console.log(
      `worst handler p95: ${worstHandler.toFixed(2)} ms; worst handler/bare p95 ratio: ${worstRatio.toFixed(2)}×`,
    );
    db.close();
    await core.close();
  } finally {
    dir.remove();
    deleteKeychainKey(env.POOLER_KEYCHAIN_SERVICE);
  }
}
