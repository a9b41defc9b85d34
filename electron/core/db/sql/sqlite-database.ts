import { Kysely } from 'kysely';
import type { Db } from '../open-database';
import type { Schema } from './schema';
import { sqliteDialect } from './sqlite-dialect';
import { sqlDatabase, type SqlDatabase } from './sql-database';

/** The data folder's SQLite file as the stores see it. Closing it is its opener's (the foundation's). */
export function sqliteDatabase(sqlite: Db): SqlDatabase {
  const kysely = new Kysely<Schema>({ dialect: sqliteDialect(sqlite) });
  return sqlDatabase('sqlite', kysely, () => kysely.destroy());
}
