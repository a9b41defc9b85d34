import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { createCore, DATABASE_FILE } from '../../electron/core';
import { migrate } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase } from '../../electron/core/db/open-database';
import { pageStatement, SEARCH_WINDOW } from '../../electron/core/invites/invites-query';
import { deleteKeychainKey } from '../support/test-core';
import { makeTempDir } from '../support/temp-dir';
import { seedInvites } from './seed-invites';
import { bareSqlite } from './bare-sql';
import { percentile, timeAlternating } from './stats';

const COUNT = Number(process.env.BENCH_SEARCH_COUNT ?? 1_000_000);
const PAGE = 100;
const RUNS = 200;

/** Takes the email index out again, as a database from before migration 0008 has it. */
function beforeTheIndex(file: string) {
  const db = new Database(file);
  db.exec(`DROP TABLE invites_email_search; DROP TRIGGER invites_email_search_insert;
    DROP TRIGGER invites_email_search_delete; DROP TRIGGER invites_email_search_update;
    DELETE FROM schema_migrations WHERE version = 8;`);
  db.close();
}

/**
 * Email search at a million invites: the index's build time (migration 0008 on a database
 * that holds them), then a full page of results through the core's handler beside the same
 * statement run bare on the same file, one call of each in turn.
 */
export async function benchSearch(): Promise<void> {
  const dir = makeTempDir('pooler-bench-search');
  const env = { POOLER_KEYCHAIN_SERVICE: `pooler-bench-search-${process.pid}` };
  const file = join(dir.path, DATABASE_FILE);
  try {
    const seeding = performance.now();
    const poolIds = await seedInvites(dir.path, COUNT, env, Date.now());
    const seeded = (performance.now() - seeding) / 1000;
    beforeTheIndex(file);
    const migrating = openDatabase(file);
    const started = performance.now();
    migrate(migrating, MIGRATIONS, Date.now);
    const built = (performance.now() - started) / 1000;
    migrating.close();

    const core = await createCore({ dataDir: dir.path, version: 'bench', env });
    const db = new Database(file, { readonly: true });
    const bareSql = bareSqlite(db);
    // The seed leaves lapsed invites for the core's first sweep to store as expired: a backlog of
    // thousands that a start works through in its first seconds. Searched once it is done.
    const lapsed = db.prepare("SELECT count(*) AS n FROM invites WHERE status = 'active' AND expires_at <= ?");
    while ((lapsed.get(Date.now()) as { n: number }).n > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    console.log(
      `\nEmail search at ${COUNT.toLocaleString()} invites (seeded in ${seeded.toFixed(1)} s); migration 0008 builds the index in ${built.toFixed(1)} s`,
    );
    for (const [label, search, poolId] of [
      ['rare match "user4242@", full page', 'user4242@', undefined],
      ['common match "company7.", first page', 'company7.', undefined],
      ['common match in one Pool, first page', 'company7.', poolIds[7]],
      ['no match "nobody", full page', 'nobody', undefined],
      ['two characters "r4" (scan), first page', 'r4', undefined],
    ] as const) {
      const filters = { search, ...(poolId ? { poolId } : {}) };
      // The top of the history, where the core starts a scanning search's first window.
      const top = (db.prepare('SELECT max(seq) + 1 AS top FROM invites').get() as { top: number }).top;
      const bare = bareSql(
        pageStatement('sqlite', { ...filters, limit: PAGE, now: Date.now() }, top, SEARCH_WINDOW).statement,
      );
      const [handler, floor] = await timeAlternating(
        () => core.dispatch('invites.list', { ...filters, limit: PAGE }),
        () => Promise.resolve(bare.run()),
        RUNS,
      );
      const p95 = percentile(handler, 95);
      const floor95 = percentile(floor, 95);
      console.log(
        `  ${label.padEnd(44)} handler p50 ${percentile(handler, 50).toFixed(2)} p95 ${p95.toFixed(2)} ms   bare SQL p95 ${floor95.toFixed(2)} ms   (${(p95 / Math.max(floor95, 0.01)).toFixed(2)}×)`,
      );
    }
    db.close();
    await core.close();
  } finally {
    dir.remove();
    deleteKeychainKey(env.POOLER_KEYCHAIN_SERVICE);
  }
}
