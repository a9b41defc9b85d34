import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Logger } from '../log/logger';
import { createOwnerOnlyFile } from '../storage/data-folder';
import { createBackups, type Backups } from './backups';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';
import { Database } from './sqlite-driver';
import { startupFailure } from './startup-failure';

export type Db = BetterSqlite3.Database;

export function openDatabase(file: string): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // Another process (the desktop app and a browser console on one data folder) may hold the
  // write lock briefly; wait for it rather than failing the operator's action.
  db.pragma('busy_timeout = 5000');
  // FULL: a commit is on disk before the operator is told it succeeded. With NORMAL a power cut
  // can lose the last commits — an invite whose link was already sent. (Its cost: npm run bench.)
  db.pragma('synchronous = FULL');
  return db;
}

export const DATABASE_FILE = 'pooler.db';

/**
 * Finds damage the first query would otherwise stumble on later: every page's structure, not
 * the rows' contents (quick_check, not integrity_check: its time is in the benchmark).
 */
function checkIntegrity(db: Db) {
  const [first] = db.pragma('quick_check(1)') as { quick_check: string }[];
  if (first?.quick_check !== 'ok') {
    const error = new Error(first?.quick_check ?? 'no answer') as Error & { code: string };
    error.code = 'SQLITE_CORRUPT';
    throw error;
  }
}

/**
 * The data folder's database: created owner-only, checked, backed up before a migration, and
 * migrated to this version's schema — or refused with a one-line StartupError that says what to do.
 */
export function openCoreDatabase(deps: { dataDir: string; now: () => number; logger: Logger }): {
  sqlite: Db;
  backups: Backups;
} {
  const file = join(deps.dataDir, DATABASE_FILE);
  const backups = createBackups({ ...deps, databaseFile: file });
  let db: Db | undefined;
  try {
    createOwnerOnlyFile(file);
    const opened = (db = openDatabase(file));
    checkIntegrity(opened);
    const started = performance.now();
    const applied = migrate(opened, MIGRATIONS, deps.now, {
      beforeMigrating: () => backups.snapshot(opened, 'before-migration'),
    });
    // A migration may build an index over every row (0008 at a million invites): its time is worth a line.
    if (applied.length > 0)
      deps.logger.info({ applied, ms: Math.round(performance.now() - started) }, 'database migrated');
    // Refresh the planner's statistics where they have drifted, so filter queries keep their indexes.
    opened.pragma('optimize=0x10002');
    return { sqlite: opened, backups };
  } catch (err) {
    db?.close();
    throw startupFailure(err, { file, dataDir: deps.dataDir, backupsDir: backups.dir });
  }
}
