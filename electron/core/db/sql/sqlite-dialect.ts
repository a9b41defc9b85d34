import type Database from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';

/** Prepared statements kept per SQL text: the queries are a fixed set of shapes, bounded anyway. */
const STATEMENT_CACHE = 500;

class CachedConnection implements DatabaseConnection {
  private readonly statements = new Map<string, Database.Statement>();
  constructor(private readonly db: Database.Database) {}

  private statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (stmt) return stmt;
    stmt = this.db.prepare(sql);
    if (this.statements.size >= STATEMENT_CACHE) this.statements.delete(this.statements.keys().next().value!);
    this.statements.set(sql, stmt);
    return stmt;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.statement(compiled.sql);
    const parameters = compiled.parameters as unknown[];
    if (stmt.reader) return { rows: stmt.all(parameters) as R[] };
    const { changes, lastInsertRowid } = stmt.run(parameters);
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
  }

  // eslint-disable-next-line require-yield -- Kysely's interface; nothing here streams.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not used');
  }
}

/**
 * Kysely's SQLite dialect over the data folder's own better-sqlite3 handle, with two changes: a
 * write transaction takes the write lock up front (BEGIN IMMEDIATE: the desktop app and a browser
 * console may share the file, and a deferred transaction that reads then writes can be overtaken),
 * and statements are prepared once, not on every call. The handle stays the foundation's to close.
 */
export function sqliteDialect(db: Database.Database): Dialect {
  const connection = new CachedConnection(db);
  const raw = (sql: string) => connection.executeQuery(CompiledQuery.raw(sql)).then(() => undefined);
  const driver: Driver = {
    init: async () => undefined,
    acquireConnection: async () => connection,
    beginTransaction: () => raw('BEGIN IMMEDIATE'),
    commitTransaction: () => raw('COMMIT'),
    rollbackTransaction: () => raw('ROLLBACK'),
    savepoint: (_c, name) => raw(`SAVEPOINT ${name}`),
    rollbackToSavepoint: (_c, name) => raw(`ROLLBACK TO SAVEPOINT ${name}`),
    releaseSavepoint: (_c, name) => raw(`RELEASE SAVEPOINT ${name}`),
    releaseConnection: async () => undefined,
    destroy: async () => undefined,
  };
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => driver,
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createIntrospector: (kysely) => new SqliteIntrospector(kysely),
  };
}
