import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { StartupError } from '../../errors';
import type { Logger } from '../../log/logger';
import { checkApplied, migrationChecksum, type AppliedRow, type Migration } from '../migrate';
import { postgresBaseline } from './postgres-baseline';
import type { Schema } from './schema';
import { sqlDatabase, type SqlDatabase } from './sql-database';

/** The PostgreSQL driver, loaded only by a server given a database URL: a console never needs it. */
export const loadPg = async () => (await import('pg')).default;

/** PostgreSQL's migrations, in order; numbered as SQLite's (the baseline is SQLite's 1–9). */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [postgresBaseline];

/** The oldest PostgreSQL the schema runs on: pg_trgm as a trusted extension arrived in 13. */
const OLDEST_POSTGRES = 13;
const DEFAULT_POOL_SIZE = 10;
/** Any number, the same in every process: who migrates, one at a time. */
const MIGRATION_LOCK = 0x706f6f6c;

const INT8_OID = 20;

/** Where the URL points, without its password: what a startup error may print. */
function describe(url: URL): string {
  return `${url.hostname || 'localhost'}:${url.port || 5432}${url.pathname}`;
}

function parseUrl(text: string, named: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new StartupError(
      'database_url_invalid',
      `${named} is not a URL. Set it to postgres://user:password@host:5432/database.`,
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new StartupError(
      'database_url_invalid',
      `${named} must start with postgres:// (it starts with ${url.protocol}//).`,
    );
  }
  if (url.pathname.length <= 1) {
    throw new StartupError(
      'database_url_invalid',
      `${named} names no database: add it after the host, e.g. postgres://pooler@db.internal:5432/pooler.`,
    );
  }
  return url;
}

/** Why PostgreSQL could not be reached or used, as one line that names it and what to do. */
function connectFailure(err: unknown, url: URL, named: string): unknown {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  const where = describe(url);
  const database = decodeURIComponent(url.pathname.slice(1));
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET'].includes(code))
    return new StartupError(
      'database_unreachable',
      `PostgreSQL at ${where} cannot be reached (${code}). Check that it is running and that ${named} names its host and port.`,
    );
  if (code === '3D000')
    return new StartupError(
      'database_missing',
      `PostgreSQL at ${where} has no database "${database}". Create it (createdb ${database}) or correct ${named}.`,
    );
  if (code === '28P01' || code === '28000')
    return new StartupError(
      'database_refused_login',
      `PostgreSQL at ${where} refused the user "${decodeURIComponent(url.username)}" (${(err as Error).message}). Check the user and password in ${named}.`,
    );
  return err;
}

/** Refuses a server older than OLDEST_POSTGRES, naming both versions. */
export function requireSupported(server: { server_version_num: string; server_version: string }, where: string) {
  if (Math.floor(Number(server.server_version_num) / 10_000) < OLDEST_POSTGRES)
    throw new StartupError(
      'database_too_old',
      `PostgreSQL at ${where} is version ${server.server_version}; Pooler Console needs PostgreSQL ${OLDEST_POSTGRES} or newer.`,
    );
}

async function migrate(pool: pg.Pool, now: () => number): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Two servers starting together: the second waits, then finds nothing left to apply.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)`);
    const { rows } = await client.query<AppliedRow>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    );
    checkApplied(rows, POSTGRES_MIGRATIONS);
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const migration of POSTGRES_MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query(
        'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)',
        [migration.version, migration.name, migrationChecksum(migration), now()],
      );
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export interface PostgresOptions {
  url: string;
  /** Where the URL came from, for the startup error: POOLER_DATABASE_URL unless told. */
  named?: string;
  poolSize?: number;
  now: () => number;
  logger: Logger;
}

/**
 * The team's PostgreSQL database: checked (reachable, the database there, a supported version),
 * migrated, behind a bounded connection pool. Refused with a one-line StartupError otherwise.
 */
export async function openPostgres(options: PostgresOptions): Promise<{ sql: SqlDatabase; pool: pg.Pool }> {
  const named = options.named ?? 'POOLER_DATABASE_URL';
  const url = parseUrl(options.url, named);
  const { Pool, types } = await loadPg();
  const pool = new Pool({
    connectionString: options.url,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    connectionTimeoutMillis: 10_000,
    // BIGINT columns are times and counts far below 2^53: read them as numbers, as SQLite does.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? Number : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
    },
  });
  // An idle connection the server dropped is not a crash: the pool opens another.
  pool.on('error', (err) => options.logger.warn({ err: err.message }, 'a PostgreSQL connection ended'));
  try {
    const { rows } = await pool.query<{ server_version_num: string; server_version: string }>(
      "SELECT current_setting('server_version_num') AS server_version_num, current_setting('server_version') AS server_version",
    );
    requireSupported(rows[0]!, describe(url));
    const started = performance.now();
    const applied = await migrate(pool, options.now);
    if (applied.length > 0)
      options.logger.info({ applied, ms: Math.round(performance.now() - started) }, 'database migrated');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw connectFailure(err, url, named);
  }
  const kysely = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return { sql: sqlDatabase('postgres', kysely, () => kysely.destroy()), pool };
}
