import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export function openDatabase(file: string): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // Another process (the desktop app and a browser console on one data folder) may hold the
  // write lock briefly; wait for it rather than failing the operator's action.
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  return db;
}

export const DATABASE_FILE = 'pooler.db';

/** The data folder's database, migrated to this version's schema (or refused, with a StartupError). */
export function openCoreDatabase(dataDir: string, now: () => number): Db {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    migrate(db, MIGRATIONS, now);
  } catch (err) {
    db.close();
    throw err;
  }
  // Refresh the planner's statistics where they have drifted, so filter queries keep their indexes.
  db.pragma('optimize=0x10002');
  return db;
}
