import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, DATABASE_FILE, StartupError } from '../../../../electron/core';
import { migrate, migrationChecksum, type Migration } from '../../../../electron/core/db/migrate';
import { MIGRATIONS } from '../../../../electron/core/db/migrations';
import { openDatabase } from '../../../../electron/core/db/open-database';
import { makeTempDir } from '../../../support/temp-dir';
import { startTestCore } from '../../../support/test-core';

const dirs: { remove(): void }[] = [];
function tempDb() {
  const dir = makeTempDir('pooler-migrate');
  dirs.push(dir);
  return join(dir.path, 'test.db');
}
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const now = () => 1_700_000_000_000;
const first: Migration = { version: 1, name: 'first', sql: 'CREATE TABLE a (x INTEGER) STRICT;' };
const second: Migration = { version: 2, name: 'second', sql: 'CREATE TABLE b (y INTEGER) STRICT;' };

describe('migrations', () => {
  it('are numbered 1..n with no gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_m, i) => i + 1));
  });

  it('apply in order once, each recorded with its checksum', () => {
    const db = openDatabase(tempDb());
    expect(migrate(db, [first, second], now)).toEqual([1, 2]);
    expect(migrate(db, [first, second], now)).toEqual([]);
    const rows = db.prepare('SELECT version, name, checksum, applied_at FROM schema_migrations').all();
    expect(rows).toEqual([
      { version: 1, name: 'first', checksum: migrationChecksum(first), applied_at: now() },
      { version: 2, name: 'second', checksum: migrationChecksum(second), applied_at: now() },
    ]);
    db.close();
  });

  it('refuse a database whose applied migration was edited', () => {
    const file = tempDb();
    const db = openDatabase(file);
    migrate(db, [first], now);
    const edited = { ...first, sql: 'CREATE TABLE a (x INTEGER, z TEXT) STRICT;' };
    expect(() => migrate(db, [edited, second], now)).toThrow(StartupError);
    expect(() => migrate(db, [edited, second], now)).toThrow(/migration 1 \(first\) was changed after it was applied/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    db.close();
  });

  it('refuse a database from a newer version with a clear message', async () => {
    const dir = makeTempDir('pooler-newer');
    dirs.push(dir);
    await (await startTestCore({ dataDir: dir.path })).dispose();
    const raw = new Database(join(dir.path, DATABASE_FILE));
    raw
      .prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)')
      .run(MIGRATIONS.length + 1, 'from-the-future', 'x', 0);
    raw.close();
    let error: unknown;
    try {
      await createCore({ dataDir: dir.path, version: 'test', env: {} });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StartupError);
    expect(error).toMatchObject({ code: 'database_too_new' });
    expect((error as Error).message).toMatch(/newer version of Pooler Console/);
    expect((error as Error).message).toMatch(new RegExp(`schema ${MIGRATIONS.length + 1}`));
  });

  it('roll a failing run back completely: every pending migration, recording nothing', () => {
    const db = openDatabase(tempDb());
    migrate(db, [first], now);
    const broken: Migration = {
      version: 3,
      name: 'broken',
      sql: 'CREATE TABLE c (z INTEGER); INSERT INTO nowhere VALUES (1);',
    };
    let backedUp = 0;
    const run = () => migrate(db, [first, second, broken], now, { beforeMigrating: () => backedUp++ });
    expect(run).toThrow(/no such table: nowhere/);
    expect(backedUp).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('b', 'c')").all()).toEqual([]);
    expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual([{ version: 1 }]);
    db.close();
  });

  it('back up only a database that holds data, and only when something is pending', () => {
    const db = openDatabase(tempDb());
    let backedUp = 0;
    const hooks = { beforeMigrating: () => backedUp++ };
    migrate(db, [first], now, hooks);
    expect(backedUp).toBe(0);
    migrate(db, [first], now, hooks);
    expect(backedUp).toBe(0);
    migrate(db, [first, second], now, hooks);
    expect(backedUp).toBe(1);
    db.close();
  });
});

describe('the database', () => {
  it('runs in WAL mode with full fsync on commit, foreign keys and a busy timeout', () => {
    const db = openDatabase(tempDb());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // 2 = FULL: a commit the operator saw succeed survives a power cut (NORMAL is 1).
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('keeps the audit log append-only', async () => {
    const t = await startTestCore();
    try {
      await t.call('pools.create', { name: 'Research' });
      const raw = new Database(join(t.dataDir, DATABASE_FILE));
      expect(() => raw.prepare("UPDATE audit_events SET actor_name = 'Mallory'").run()).toThrow(/append-only/);
      expect(() => raw.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
      raw.close();
    } finally {
      await t.dispose();
    }
  });

  it('keeps data across a restart', async () => {
    let t = await startTestCore();
    try {
      await t.call('settings.updateOperator', { displayName: 'Ada', email: 'ada@example.com' });
      await t.call('pools.create', { name: 'Research' });
      await t.call('settings.updateAppearance', { theme: 'dark' });
      t = await t.restart();
      expect((await t.call('pools.list', {})).pools.map((p) => p.name)).toEqual(['Research']);
      expect(await t.call('settings.get', {})).toMatchObject({
        operator: { displayName: 'Ada', email: 'ada@example.com' },
        theme: 'dark',
      });
    } finally {
      await t.dispose();
    }
  });

  it('builds the email search index from the invites already there, and keeps it in step in every write', async () => {
    let t = await startTestCore();
    try {
      await t.call('settings.updateOperator', { displayName: 'Ada', email: 'ada@example.com' });
      const { id: poolId } = await t.call('pools.create', { name: 'Research' });
      for (const email of ['bob@example.com', 'carol@acme.test', 'bobby@acme.test'])
        await t.call('invites.create', { poolId, email, expiry: '24h', sendEmail: false });
      // Back to the schema before the index, with the invites in it: the migration must index them.
      const raw = new Database(join(t.dataDir, DATABASE_FILE));
      raw.exec(`DROP TABLE invites_email_search; DROP TRIGGER invites_email_search_insert;
        DROP TRIGGER invites_email_search_delete; DROP TRIGGER invites_email_search_update;
        DELETE FROM schema_migrations WHERE version = 8;`);
      raw.close();
      t = await t.restart();
      const found = async (search: string) =>
        (await t.call('invites.list', { search })).invites.map((i) => i.email).sort();
      expect(await found('bob')).toEqual(['bob@example.com', 'bobby@acme.test']);
      expect(await found('ACME.t')).toEqual(['bobby@acme.test', 'carol@acme.test']);
      await t.call('invites.create', { poolId, email: 'dave@acme.test', expiry: '24h', sendEmail: false });
      expect(await found('acme')).toEqual(['bobby@acme.test', 'carol@acme.test', 'dave@acme.test']);

      // Whatever writes the table, the index follows, and matches a scan of the emails exactly.
      const db = new Database(join(t.dataDir, DATABASE_FILE));
      db.prepare("UPDATE invites SET email = 'erin@acme.test' WHERE email = 'carol@acme.test'").run();
      db.prepare("DELETE FROM invites WHERE email = 'bob@example.com'").run();
      const viaIndex = (text: string) =>
        db
          .prepare('SELECT rowid FROM invites_email_search WHERE invites_email_search MATCH ? ORDER BY rowid')
          .pluck()
          .all(`"${text}"`);
      const viaScan = (text: string) =>
        db.prepare('SELECT seq FROM invites WHERE instr(email, ?) > 0 ORDER BY seq').pluck().all(text);
      for (const text of ['acme', 'carol', 'erin', 'bob@', 'example']) expect(viaIndex(text)).toEqual(viaScan(text));
      expect(() =>
        db.prepare("INSERT INTO invites_email_search (invites_email_search, rank) VALUES ('integrity-check', 1)").run(),
      ).not.toThrow();
      db.close();
    } finally {
      await t.dispose();
    }
  });
});
