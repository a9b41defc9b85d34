import type Database from 'better-sqlite3';
import { Kysely, type RawBuilder } from 'kysely';
import type { Schema } from '../../electron/core/db/sql/schema';
import { sqliteDialect } from '../../electron/core/db/sql/sqlite-dialect';

/**
 * The SQL text and parameters the core sends for a statement, to run bare on the same SQLite
 * file (the floor beside each figure): compiled by the same dialect, run without the core around it.
 */
export function bareSqlite(db: Database.Database) {
  const kysely = new Kysely<Schema>({ dialect: sqliteDialect(db) });
  const prepared = new Map<string, Database.Statement>();
  return (statement: RawBuilder<unknown>) => {
    const { sql, parameters } = statement.compile(kysely);
    let stmt = prepared.get(sql);
    if (!stmt) prepared.set(sql, (stmt = db.prepare(sql)));
    return { run: () => stmt.all(parameters as unknown[]) };
  };
}
