import { openCoreDatabase } from '../../electron/core/db/open-database';
import { openPostgres } from '../../electron/core/db/sql/postgres';
import { sqliteDatabase } from '../../electron/core/db/sql/sqlite-database';
import type { DialectName, SqlDatabase } from '../../electron/core/db/sql/sql-database';
import { createLogger } from '../../electron/core/log/logger';
import { freshPostgresDatabase } from './postgres';
import { makeTempDir } from './temp-dir';

/** Both databases the core runs on: suites that touch storage run once on each. */
export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

export interface OpenedDatabase {
  db: SqlDatabase;
  /** Where the console's own files go (its log). */
  dir: string;
  close(): Promise<void>;
}

/** An empty, migrated core database of the dialect: a fresh SQLite file, or a fresh PostgreSQL database. */
export async function openTestDatabase(dialect: DialectName): Promise<OpenedDatabase> {
  const dir = makeTempDir(`pooler-${dialect}`);
  const { logger, file } = createLogger(dir.path, 'warn');
  const done = () => {
    file.close();
    dir.remove();
  };
  if (dialect === 'sqlite') {
    const { sqlite } = openCoreDatabase({ dataDir: dir.path, now: Date.now, logger });
    const db = sqliteDatabase(sqlite);
    return {
      db,
      dir: dir.path,
      async close() {
        await db.close();
        sqlite.close();
        done();
      },
    };
  }
  const database = await freshPostgresDatabase();
  const { sql: db } = await openPostgres({ url: database.url, now: Date.now, logger });
  return {
    db,
    dir: dir.path,
    async close() {
      await db.close();
      await database.drop();
      done();
    },
  };
}
