import type pg from 'pg';
import type { Logger } from '../log/logger';
import type { Backups } from './backups';
import { openCoreDatabase, type Db } from './open-database';
import { openPostgres } from './sql/postgres';
import type { SqlDatabase } from './sql/sql-database';
import { sqliteDatabase } from './sql/sqlite-database';

export interface Store {
  db: SqlDatabase;
  /** The data folder's SQLite file, on SQLite; null on PostgreSQL. */
  sqlite: Db | null;
  /** The console's own daily backups, on SQLite; PostgreSQL is backed up with its own tools (pg_dump). */
  backups: Backups | null;
  /** PostgreSQL's connection pool, for what a server shares with the others (events); null on SQLite. */
  postgres: pg.Pool | null;
}

/**
 * Where the core keeps its data: the data folder's SQLite file (the default: a desktop console, a
 * small server), or the PostgreSQL that POOLER_DATABASE_URL names (a team's servers).
 */
export async function openStore(deps: {
  dataDir: string;
  databaseUrl: string;
  now: () => number;
  logger: Logger;
}): Promise<Store> {
  if (deps.databaseUrl) {
    const { sql, pool } = await openPostgres({ url: deps.databaseUrl, now: deps.now, logger: deps.logger });
    return { db: sql, sqlite: null, backups: null, postgres: pool };
  }
  const { sqlite, backups } = openCoreDatabase(deps);
  return { db: sqliteDatabase(sqlite), sqlite, backups, postgres: null };
}
