import {
  chmodSync,
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log/logger';
import type { Db } from './open-database';
import { Database } from './sqlite-driver';

/** Backups live in the data folder's `backups/`; the newest seven are kept. */
export const BACKUPS_FOLDER = 'backups';
export const KEEP_BACKUPS = 7;
const DAY_MS = 24 * 60 * 60_000;

export type BackupReason = 'daily' | 'before-migration' | 'before-restore';

export interface BackupFile {
  name: string;
  path: string;
  /** Unix ms, from the name (the file's mtime may change when it is copied). */
  createdAt: number;
  reason: BackupReason;
  bytes: number;
}

const NAME = /^pooler-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)-(daily|before-migration|before-restore)\.db$/;
/** A copy under way; a crash may leave one, which the next prune removes. */
const PARTIAL = '.partial';

function nameFor(at: number, reason: BackupReason): string {
  return `pooler-${new Date(at).toISOString().replace(/[:.]/g, '-')}-${reason}.db`;
}

function timeOf(stamp: string): number {
  const [date, time] = stamp.split('T') as [string, string];
  const [h, m, s, ms] = time.replace('Z', '').split('-');
  return Date.parse(`${date}T${h}:${m}:${s}.${ms}Z`);
}

/** The backups in `dir`, newest first. */
export function listBackups(dir: string): BackupFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .flatMap((name) => {
      const match = NAME.exec(name);
      if (!match) return [];
      const path = join(dir, name);
      return [
        { name, path, createdAt: timeOf(match[1]!), reason: match[2] as BackupReason, bytes: statSync(path).size },
      ];
    })
    .sort((a, b) => b.createdAt - a.createdAt);
}

/**
 * Copies of the database, taken while it is in use (each a consistent snapshot): before every
 * migration, before a restore, and once a day. Written beside their final name and renamed, so
 * a crash never leaves a half backup under a backup's name.
 */
export function createBackups(deps: { dataDir: string; databaseFile: string; logger: Logger; now: () => number }) {
  const dir = join(deps.dataDir, BACKUPS_FOLDER);
  let daily: Promise<void> | null = null;

  /** An empty owner-only file for SQLite to write the copy into. */
  function target(reason: BackupReason) {
    const final = join(dir, nameFor(deps.now(), reason));
    const partial = `${final}${PARTIAL}`;
    writeFileSync(partial, '', { mode: 0o600 });
    return { final, partial };
  }

  function finish(file: { final: string; partial: string }, reason: BackupReason) {
    chmodSync(file.partial, 0o600);
    // On disk before it takes a backup's name: a power cut must not leave a torn backup.
    const fd = openSync(file.partial, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(file.partial, file.final);
    prune();
    deps.logger.info({ backup: file.final, reason }, 'database backed up');
    return file.final;
  }

  /** Keeps the newest KEEP_BACKUPS and removes leftovers of interrupted copies. */
  function prune() {
    for (const name of readdirSync(dir)) if (name.endsWith(PARTIAL)) rmSync(join(dir, name), { force: true });
    for (const old of listBackups(dir).slice(KEEP_BACKUPS)) rmSync(old.path, { force: true });
  }

  return {
    dir,
    list: () => listBackups(dir),

    /**
     * A synchronous snapshot through the open connection (VACUUM INTO: consistent, compact),
     * for the moments nothing else may happen first: before migrating, before restoring.
     */
    snapshot(db: Db, reason: BackupReason): string {
      const file = target(reason);
      db.prepare('VACUUM INTO ?').run(file.partial);
      return finish(file, reason);
    },

    /**
     * SQLite's online backup, a few pages at a time between other work, through a connection of
     * its own (the console's may close meanwhile). Once a day: when the newest backup is older.
     */
    dailyIfDue(): Promise<void> | null {
      const newest = listBackups(dir)[0];
      if (daily || (newest && deps.now() - newest.createdAt < DAY_MS)) return null;
      const file = target('daily');
      const source = new Database(deps.databaseFile, { readonly: true, fileMustExist: true });
      daily = source
        .backup(file.partial)
        .then(() => void finish(file, 'daily'))
        .catch((err: unknown) => {
          rmSync(file.partial, { force: true });
          deps.logger.warn({ err }, 'daily database backup failed');
        })
        .finally(() => {
          source.close();
          daily = null;
        });
      return daily;
    },

    /** Resolves once no daily backup is under way (the core waits for it when closing). */
    idle: () => daily ?? Promise.resolve(),
  };
}

export type Backups = ReturnType<typeof createBackups>;
