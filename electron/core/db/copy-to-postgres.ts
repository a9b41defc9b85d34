import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Logger } from '../log/logger';
import { openCoreDatabase, DATABASE_FILE, type Db } from './open-database';
import { openPostgres } from './sql/postgres';
import type { Schema } from './sql/schema';
import type { SqlDatabase } from './sql/sql-database';

/** Every table, parents before children (foreign keys hold at each insert). */
const TABLES: readonly (keyof Schema)[] = [
  'settings',
  'secrets',
  'pools',
  'audit_events',
  'invites',
  'upstreams',
  'upstream_pools',
  'upstream_quota',
  'upstream_lineage',
  'onboarding_sessions',
  'browser_attempts',
  'operators',
  'operator_enrolments',
  'operator_sessions',
];

/** The identity columns whose sequences must continue after the copied rows. */
const IDENTITIES: readonly [keyof Schema, string][] = [
  ['audit_events', 'id'],
  ['invites', 'seq'],
  ['upstream_lineage', 'seq'],
];

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table. */
const BATCH = 500;

export class CopyRefused extends Error {}

/**
 * `npm run serve -- db copy --to postgres://…`: copies the data folder's SQLite store (migrated to
 * this version first) into an empty PostgreSQL database, in one transaction, then compares every
 * table's row count. Secrets are copied as they are stored, sealed: the data key file goes along.
 */
export async function copyToPostgres(options: {
  dataDir: string;
  url: string;
  logger: Logger;
  now: () => number;
}): Promise<Record<string, number>> {
  const { sqlite } = openCoreDatabase({ dataDir: options.dataDir, now: options.now, logger: options.logger });
  try {
    const { sql: target } = await openPostgres({ ...options, named: 'The --to URL' });
    try {
      const counts = await copyRows(sqlite, target);
      // Counted again from both sides after the commit: what is there is what was copied.
      for (const table of TABLES) {
        const source = (sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
        const copied = await countOf(target.q(), table);
        if (copied !== source || counts[table] !== source)
          throw new CopyRefused(
            `${table}: ${source} rows in ${join(options.dataDir, DATABASE_FILE)}, ${copied} in PostgreSQL.`,
          );
      }
      return counts;
    } finally {
      await target.close();
    }
  } finally {
    sqlite.close();
  }
}

const countOf = async (q: Kysely<Schema>, table: keyof Schema) =>
  (await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(q)).rows[0]!.n;

/** Every row, in one transaction on an empty database; the identity sequences continue after them. */
async function copyRows(sqlite: Db, target: SqlDatabase): Promise<Record<string, number>> {
  return target.write(async () => {
    const q = target.q();
    for (const table of TABLES) {
      if ((await countOf(q, table)) > 0)
        throw new CopyRefused(
          `The PostgreSQL database already holds ${table}: copy into an empty database (createdb a new one).`,
        );
    }
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      let batch: Record<string, unknown>[] = [];
      const flush = async () => {
        if (batch.length > 0)
          await q
            .insertInto(table)
            .values(batch as never)
            .execute();
        batch = [];
      };
      counts[table] = 0;
      for (const row of sqlite.prepare(`SELECT * FROM "${table}"`).iterate() as Iterable<Record<string, unknown>>) {
        batch.push(row);
        counts[table]++;
        if (batch.length === BATCH) await flush();
      }
      await flush();
    }
    for (const [table, column] of IDENTITIES) {
      await sql`SELECT setval(pg_get_serial_sequence(${table}, ${column}),
        coalesce((SELECT max(${sql.ref(column)}) FROM ${sql.table(table)}), 0) + 1, false)`.execute(q);
    }
    return counts;
  });
}
