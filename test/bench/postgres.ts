import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { copyToPostgres, createCore, createLogger, DATABASE_FILE, type Core } from '../../electron/core';
import type { Schema } from '../../electron/core/db/sql/schema';
import { pageStatement, SEARCH_WINDOW, type InvitePageQuery } from '../../electron/core/invites/invites-query';
import { startThrowawayCluster } from '../../scripts/postgres-cluster.mjs';
import { withDatabase } from '../support/postgres';
import { deleteKeychainKey } from '../support/test-core';
import { makeTempDir } from '../support/temp-dir';
import { bareSqlite } from './bare-sql';
import { seedInvites } from './seed-invites';
import { percentile, timeAlternating } from './stats';

const PAGE = 100;
const RUNS = 200;

const ms = (samples: number[]) =>
  `${percentile(samples, 50).toFixed(2)}/${percentile(samples, 95).toFixed(2)}`.padStart(12);

/**
 * The invites list and email search at `count` invites on PostgreSQL — the core's handler beside
 * the same statement run bare on the same database — and beside the same two on SQLite, one line
 * per query, p50/p95 ms. The PostgreSQL store is the SQLite one copied by `db copy`, so both hold
 * the same rows. The cluster is a throw-away one on this machine, with its default durability.
 */
export async function benchPostgres(count: number): Promise<void> {
  const dir = makeTempDir('pooler-bench-pg');
  const env = { POOLER_KEYCHAIN_SERVICE: `pooler-bench-pg-${process.pid}` };
  const cluster = await startThrowawayCluster({ durable: true });
  const stops: (() => Promise<unknown> | unknown)[] = [];
  try {
    const now = Date.now();
    const poolIds = await seedInvites(dir.path, count, env, now);
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE pooler_bench');
    await admin.end();
    const url = withDatabase(cluster.url, 'pooler_bench');
    const { logger, file } = createLogger(dir.path, 'warn');
    stops.push(() => file.close());
    const copying = performance.now();
    await copyToPostgres({ dataDir: dir.path, url, logger, now: Date.now });
    const copied = (performance.now() - copying) / 1000;
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    stops.push(() => pool.end());
    await pool.query('ANALYZE');

    const sqlite: Core = await createCore({ dataDir: dir.path, version: 'bench', env });
    stops.push(() => sqlite.close());
    const postgres: Core = await createCore({
      dataDir: dir.path,
      version: 'bench',
      env: { ...env, POOLER_DATABASE_URL: url },
    });
    stops.push(() => postgres.close());
    const file3 = new Database(join(dir.path, DATABASE_FILE), { readonly: true });
    stops.push(() => file3.close());
    const bareSqliteOf = bareSqlite(file3);
    const compiler = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    const maxSeq = (file3.prepare('SELECT max(seq) AS m FROM invites').get() as { m: number }).m;

    console.log(
      `\nInvites list and email search on PostgreSQL ${cluster.version} at ${count.toLocaleString()} invites (copied from SQLite in ${copied.toFixed(1)} s), page of ${PAGE}, p50/p95 ms:`,
    );
    console.log(
      `${'query'.padEnd(34)} ${'PG handler'.padStart(12)} ${'PG bare SQL'.padStart(12)} ${'SQLite handler'.padStart(14)} ${'SQLite bare'.padStart(12)}`,
    );
    const cases: [string, Omit<InvitePageQuery, 'limit' | 'now'>][] = [
      ['first page, all Pools', {}],
      ['first page, one Pool', { poolId: poolIds[7] }],
      ['active, one Pool', { poolId: poolIds[7], status: 'active' }],
      ['search rare "user4242@"', { search: 'user4242@' }],
      ['search common "company7."', { search: 'company7.' }],
    ];
    for (const [label, filters] of cases) {
      const input = { ...filters, limit: PAGE };
      const statement = (dialect: 'sqlite' | 'postgres') =>
        pageStatement(dialect, { ...filters, limit: PAGE, now: Date.now() }, maxSeq + 1, SEARCH_WINDOW).statement;
      const pgBare = statement('postgres').compile(compiler);
      const sqliteBare = bareSqliteOf(statement('sqlite'));
      const [pgHandler, pgFloor] = await timeAlternating(
        () => postgres.dispatch('invites.list', input),
        () => pool.query(pgBare.sql, pgBare.parameters as unknown[]),
        RUNS,
      );
      const [sqliteHandler, sqliteFloor] = await timeAlternating(
        () => sqlite.dispatch('invites.list', input),
        () => Promise.resolve(sqliteBare.run()),
        RUNS,
      );
      console.log(
        `${label.padEnd(34)} ${ms(pgHandler)} ${ms(pgFloor)} ${ms(sqliteHandler).padStart(14)} ${ms(sqliteFloor)}`,
      );
    }
  } finally {
    for (const stop of stops.reverse()) await stop();
    cluster.stop();
    dir.remove();
    deleteKeychainKey(env.POOLER_KEYCHAIN_SERVICE);
  }
}
