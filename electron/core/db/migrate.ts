import { createHash } from 'node:crypto';
import { StartupError } from '../errors';
import type { Db } from './open-database';
import { writeTransaction } from './write-transaction';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function migrationChecksum(migration: Migration): string {
  return createHash('sha256').update(migration.sql.replace(/\r\n/g, '\n')).digest('hex');
}

export interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

/**
 * Refuses a database whose applied migrations were edited since, are unknown here, or that a
 * newer version has migrated: the same rules for both databases.
 */
export function checkApplied(applied: readonly AppliedRow[], migrations: readonly Migration[]): void {
  const known = new Map(migrations.map((m) => [m.version, m]));
  const latest = migrations.at(-1)?.version ?? 0;

  const newest = applied.at(-1);
  if (newest && newest.version > latest) {
    throw new StartupError(
      'database_too_new',
      `This data folder was last used by a newer version of Pooler Console (database schema ${newest.version}; ` +
        `this version understands up to ${latest}). Update Pooler Console, or set POOLER_DATA_DIR to another folder.`,
    );
  }
  for (const row of applied) {
    const migration = known.get(row.version);
    if (!migration) {
      throw new StartupError(
        'migration_missing',
        `Database migration ${row.version} (${row.name}) is recorded but unknown to this version.`,
      );
    }
    if (migrationChecksum(migration) !== row.checksum) {
      throw new StartupError(
        'migration_modified',
        `Database migration ${row.version} (${row.name}) was changed after it was applied to this data folder. ` +
          'Migrations are forward-only: restore the original and add a new migration instead.',
      );
    }
  }
}

/**
 * Applies pending migrations, all in one transaction with each checksum recorded: a failure
 * leaves the database exactly as it was. Refuses a database whose applied migrations were
 * edited since, or that a newer version has migrated. `beforeMigrating` runs (a backup) only
 * when a database that already holds data is about to change.
 */
export function migrate(
  db: Db,
  migrations: readonly Migration[],
  now: () => number,
  hooks: { beforeMigrating?: () => void } = {},
): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
  const applied = db
    .prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version')
    .all() as AppliedRow[];
  checkApplied(applied, migrations);
  const done = new Set(applied.map((r) => r.version));
  const pending = migrations.filter((m) => !done.has(m.version));
  if (pending.length === 0) return [];
  if (applied.length > 0) hooks.beforeMigrating?.();
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  const isApplied = db.prepare<[number], { one: number }>('SELECT 1 AS one FROM schema_migrations WHERE version = ?');
  return writeTransaction(db, () => {
    const newlyApplied: number[] = [];
    for (const migration of pending) {
      // Another process opening the same folder may have applied it since we looked.
      if (isApplied.get(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, migrationChecksum(migration), now());
      newlyApplied.push(migration.version);
    }
    return newlyApplied;
  });
}
