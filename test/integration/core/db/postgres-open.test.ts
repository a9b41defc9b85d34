import { afterEach, describe, expect, it } from 'vitest';
import { StartupError } from '../../../../electron/core/errors';
import { createLogger } from '../../../../electron/core/log/logger';
import { openPostgres, POSTGRES_MIGRATIONS, requireSupported } from '../../../../electron/core/db/sql/postgres';
import { freePort } from '../../../support/free-port';
import { freshPostgresDatabase, postgresServerUrl, withDatabase } from '../../../support/postgres';
import { makeTempDir } from '../../../support/temp-dir';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function logger() {
  const dir = makeTempDir();
  cleanups.push(async () => dir.remove());
  return createLogger(dir.path, 'warn').logger;
}

async function refusal(url: string): Promise<StartupError> {
  const err = await openPostgres({ url, now: Date.now, logger: logger() }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StartupError);
  return err as StartupError;
}

describe('openPostgres', () => {
  it('migrates an empty database once, even when two servers start together', async () => {
    const db = await freshPostgresDatabase();
    cleanups.push(db.drop);
    const [a, b] = await Promise.all([
      openPostgres({ url: db.url, now: () => 1, logger: logger() }),
      openPostgres({ url: db.url, now: () => 2, logger: logger() }),
    ]);
    cleanups.push(
      () => a.sql.close(),
      () => b.sql.close(),
    );
    const { rows } = await a.pool.query('SELECT version, applied_at FROM schema_migrations');
    expect(rows).toHaveLength(POSTGRES_MIGRATIONS.length);
    const tables = await a.pool.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
    expect(tables.rows[0].n).toBeGreaterThanOrEqual(14);
    // BIGINT reads as a number, as SQLite's integers do.
    const when = await a.sql
      .q()
      .selectFrom('schema_migrations' as never)
      .select('applied_at' as never)
      .executeTakeFirst();
    expect(typeof (when as { applied_at: unknown }).applied_at).toBe('number');
  });

  it('refuses a database whose applied migration was changed since', async () => {
    const db = await freshPostgresDatabase();
    cleanups.push(db.drop);
    const first = await openPostgres({ url: db.url, now: Date.now, logger: logger() });
    await first.pool.query("UPDATE schema_migrations SET checksum = 'x'");
    await first.sql.close();
    expect((await refusal(db.url)).code).toBe('migration_modified');
  });

  it('names a URL that is not PostgreSQL, a refused connection and a missing database', async () => {
    expect((await refusal('mysql://db/pooler')).code).toBe('database_url_invalid');
    expect((await refusal('not a url')).code).toBe('database_url_invalid');
    expect((await refusal(withDatabase(postgresServerUrl(), ''))).code).toBe('database_url_invalid');
    const closed = await freePort();
    const unreachable = await refusal(`postgres://pooler:secret-pw@127.0.0.1:${closed}/pooler`);
    expect(unreachable.code).toBe('database_unreachable');
    expect(unreachable.message).toContain(`127.0.0.1:${closed}/pooler`);
    expect(unreachable.message).not.toContain('secret-pw');
    const missing = await refusal(withDatabase(postgresServerUrl(), 'no_such_database'));
    expect(missing.code).toBe('database_missing');
    expect(missing.message).toContain('createdb no_such_database');
  });

  it('names the user PostgreSQL refused, never the password', async () => {
    const url = new URL(postgresServerUrl());
    url.username = 'no_such_operator';
    url.password = 'secret-pw';
    const refused = await refusal(url.toString());
    expect(refused.code).toBe('database_refused_login');
    expect(refused.message).toContain('refused the user "no_such_operator"');
    expect(refused.message).toContain('Check the user and password in');
    expect(refused.message).not.toContain('secret-pw');
  });

  it('names the oldest supported version for an older server', () => {
    expect(() => requireSupported({ server_version_num: '120017', server_version: '12.17' }, 'db:5432/pooler')).toThrow(
      /version 12\.17; Pooler Console needs PostgreSQL 13 or newer/,
    );
    expect(() => requireSupported({ server_version_num: '130000', server_version: '13.0' }, 'x')).not.toThrow();
  });
});
