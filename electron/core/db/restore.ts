import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Logger } from '../log/logger';
import { prepareDataFolder } from '../storage/data-folder';
import { BACKUPS_FOLDER, createBackups } from './backups';
import { MIGRATIONS } from './migrations';
import { DATABASE_FILE, type Db } from './open-database';
import { Database } from './sqlite-driver';

export type RestoreErrorCode = 'backup_missing' | 'backup_unusable' | 'console_running';

/** Why a restore did not happen; nothing was changed. */
export class RestoreError extends Error {
  constructor(
    readonly code: RestoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RestoreError';
  }
}

const SQLITE_SIDE_FILES = ['-wal', '-shm', '-journal'];

function syncFile(path: string) {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A path, or the name of a file in the data folder's backups. */
function locate(dataDir: string, backup: string): string {
  const inBackups = join(dataDir, BACKUPS_FOLDER, basename(backup));
  if (basename(backup) === backup && existsSync(inBackups)) return inBackups;
  const path = resolve(backup);
  if (!existsSync(path)) throw new RestoreError('backup_missing', `There is no backup at ${path}.`);
  return path;
}

/** The backup opens, its pages are sound, and this version understands its schema. */
function checkBackup(path: string) {
  const latest = MIGRATIONS.at(-1)!.version;
  let problem: string | null = null;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      const [check] = db.pragma('quick_check(1)') as { quick_check: string }[];
      const { version } = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
        version: number | null;
      };
      if (check?.quick_check !== 'ok') problem = `it is damaged: ${check?.quick_check ?? 'no answer'}`;
      else if (!version) problem = 'it holds no Pooler Console schema';
      else if (version > latest)
        problem = `a newer version wrote it (schema ${version}; this one knows up to ${latest})`;
    } finally {
      db.close();
    }
  } catch (err) {
    problem = `it is not a Pooler Console database (${(err as Error).message})`;
  }
  if (problem) throw new RestoreError('backup_unusable', `${path} cannot be restored: ${problem}.`);
}

/**
 * Takes the data folder's database for this process alone: an exclusive lock is refused while
 * any console (desktop or browser) has the file open. Null when the current file is unreadable.
 */
function lockCurrent(file: string): Db | null {
  const db = new Database(file, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    const [check] = db.pragma('quick_check(1)') as { quick_check: string }[];
    if (check?.quick_check === 'ok') return db;
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new RestoreError(
        'console_running',
        'Pooler Console is using this data folder. Quit the desktop app and every browser console first, then restore.',
      );
    }
    return null;
  }
  db.close();
  return null;
}

/**
 * Puts a backup in place of the data folder's database. The database it replaces is kept: as a
 * backup when it is sound, renamed aside (`pooler.db.damaged-…`) when it is not. The copy is
 * written beside the database and renamed over it, so the folder always holds a whole database.
 */
export function restoreBackup(options: { dataDir: string; backup: string; now: () => number; logger: Logger }): {
  restored: string;
  previous: string | null;
} {
  const { dataDir, now, logger } = options;
  const source = locate(dataDir, options.backup);
  checkBackup(source);
  prepareDataFolder(dataDir);
  const file = join(dataDir, DATABASE_FILE);
  let previous: string | null = null;
  if (existsSync(file)) {
    const current = lockCurrent(file);
    if (current) {
      try {
        previous = createBackups({ dataDir, databaseFile: file, logger, now }).snapshot(current, 'before-restore');
      } finally {
        current.close();
      }
    } else {
      // Kept with its write-ahead log, for whoever wants to recover what it still holds.
      previous = `${file}.damaged-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
      for (const side of ['', '-wal'])
        if (existsSync(`${file}${side}`)) renameSync(`${file}${side}`, `${previous}${side}`);
    }
  }
  const incoming = `${file}.restoring`;
  copyFileSync(source, incoming);
  syncFile(incoming);
  for (const side of SQLITE_SIDE_FILES) rmSync(`${file}${side}`, { force: true });
  renameSync(incoming, file);
  prepareDataFolder(dataDir);
  logger.warn({ backup: source, previous }, 'database restored from a backup');
  return { restored: source, previous };
}
