import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, DATABASE_FILE, restoreBackup, RestoreError } from '../../../../electron/core';
import { KEEP_BACKUPS } from '../../../../electron/core/db/backups';
import { migrate } from '../../../../electron/core/db/migrate';
import { MIGRATIONS } from '../../../../electron/core/db/migrations';
import { openDatabase } from '../../../../electron/core/db/open-database';
import { createLogger } from '../../../../electron/core/log/logger';
import { bytesOf, DAMAGE } from '../../../support/damage-database';
import { snapshotDatabase } from '../../../support/db-snapshot';
import { makeTempDir } from '../../../support/temp-dir';
import { startTestCore, type TestCore } from '../../../support/test-core';

const DAY = 24 * 60 * 60_000;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function folder() {
  const dir = makeTempDir('pooler-backups');
  cleanups.push(dir.remove);
  return dir.path;
}

async function core(dataDir: string, clock?: { now: number }): Promise<TestCore> {
  const t = await startTestCore({ dataDir, ...(clock ? { now: () => clock.now } : {}) });
  cleanups.push(() => t.dispose());
  return t;
}

const poolNames = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT name FROM pools ORDER BY name').all() as { name: string }[]).map((p) => p.name);
  } finally {
    db.close();
  }
};

function restore(dataDir: string, backup: string) {
  const { logger, file } = createLogger(dataDir);
  try {
    return restoreBackup({ dataDir, backup, now: Date.now, logger });
  } finally {
    file.close();
  }
}

describe('database backups', () => {
  it('are taken once a day while the console runs, the newest seven kept, each a sound copy', async () => {
    const clock = { now: Date.UTC(2026, 11, 1, 9) };
    const t = await core(folder(), clock);
    await t.services.backups!.idle();
    expect(t.services.backups!.list().map((b) => b.reason)).toEqual(['daily']);
    expect(t.services.backups!.dailyIfDue()).toBeNull();
    for (let day = 1; day <= 9; day++) {
      clock.now += DAY;
      await t.call('pools.create', { name: `Pool ${day}` });
      await t.services.backups!.dailyIfDue();
    }
    const backups = t.services.backups!.list();
    expect(backups).toHaveLength(KEEP_BACKUPS);
    expect(backups[0]!.createdAt).toBe(clock.now);
    expect(backups.at(-1)!.createdAt).toBe(clock.now - (KEEP_BACKUPS - 1) * DAY);
    expect(poolNames(backups[0]!.path)).toHaveLength(9);
    expect(readdirSync(t.services.backups!.dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
    // Settings → System says how many there are, where, and when the latest was taken.
    expect((await t.call('app.status', {})).backups).toEqual({
      folder: t.services.backups!.dir,
      count: KEEP_BACKUPS,
      newestAt: clock.now,
    });
  });

  it('are taken before a migration, holding the database as it was', async () => {
    const dataDir = folder();
    const db = openDatabase(join(dataDir, DATABASE_FILE));
    migrate(db, MIGRATIONS.slice(0, -1), Date.now);
    db.prepare(
      `INSERT INTO pools (id, name, name_key, slug, status, created_by, created_at, updated_at)
       VALUES ('pool-1', 'Old', 'old', 'old', 'active', 'Ada', 1, 1)`,
    ).run();
    db.close();
    const t = await core(dataDir);
    const [before] = t.services.backups!.list().filter((b) => b.reason === 'before-migration');
    expect(before).toBeDefined();
    const copy = new Database(before!.path, { readonly: true });
    expect(copy.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: MIGRATIONS.length - 1 });
    copy.close();
    expect(poolNames(before!.path)).toEqual(['Old']);
    expect((await t.call('pools.list', {})).pools.map((p) => p.name)).toEqual(['Old']);
  });
});

describe('restoring a backup', () => {
  it('refuses while a console uses the folder, then puts the backup in place and keeps the replaced database', async () => {
    const dataDir = folder();
    let t = await core(dataDir);
    await t.call('pools.create', { name: 'Before' });
    const backup = t.services.backups!.snapshot(t.services.sqlite!, 'daily');
    await t.call('pools.create', { name: 'After' });

    const before = snapshotDatabase(dataDir);
    expect(() => restore(dataDir, backup)).toThrow(RestoreError);
    expect(() => restore(dataDir, backup)).toThrow(/Pooler Console is using this data folder/);
    expect(snapshotDatabase(dataDir)).toEqual(before);

    await t.core.close();
    const { previous } = restore(dataDir, backup.split('/').at(-1)!);
    expect(poolNames(previous!)).toEqual(['After', 'Before']);
    t = await t.restart();
    cleanups.push(() => t.dispose());
    expect((await t.call('pools.list', {})).pools.map((p) => p.name)).toEqual(['Before']);
  });

  it('keeps a damaged database aside under its own name, and restores over it', async () => {
    const dataDir = folder();
    const t = await core(dataDir);
    await t.call('pools.create', { name: 'Kept' });
    const backup = t.services.backups!.snapshot(t.services.sqlite!, 'daily');
    await t.core.close();
    const file = join(dataDir, DATABASE_FILE);
    DAMAGE['header wiped'](file);
    const damagedBytes = bytesOf(file);
    await expect(
      createCore({ dataDir, version: 't', env: { POOLER_KEYCHAIN_SERVICE: t.keychainService } }),
    ).rejects.toThrow(/is damaged/);
    const { previous } = restore(dataDir, backup);
    expect(previous).toMatch(/pooler\.db\.damaged-/);
    expect(bytesOf(previous!).equals(damagedBytes)).toBe(true);
    expect(poolNames(file)).toEqual(['Kept']);
  });

  it('refuses a missing, damaged or foreign backup and changes nothing', async () => {
    const dataDir = folder();
    const t = await core(dataDir);
    await t.call('pools.create', { name: 'Current' });
    const good = t.services.backups!.snapshot(t.services.sqlite!, 'daily');
    await t.core.close();
    const before = snapshotDatabase(dataDir);
    const broken = join(folder(), 'broken.db');
    const foreign = join(folder(), 'foreign.db');
    const other = new Database(foreign);
    other.exec('CREATE TABLE notes (x TEXT)');
    other.close();
    copyFileSync(good, broken);
    DAMAGE['not a database at all'](broken);
    for (const [backup, code] of [
      [join(dataDir, 'nowhere.db'), 'backup_missing'],
      [broken, 'backup_unusable'],
      [foreign, 'backup_unusable'],
    ] as const) {
      expect(() => restore(dataDir, backup), backup).toThrow(expect.objectContaining({ code }));
    }
    expect(snapshotDatabase(dataDir)).toEqual(before);
    expect(existsSync(`${join(dataDir, DATABASE_FILE)}.restoring`)).toBe(false);
  });
});
