import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Owner only: the folder holds invite history, sealed credentials and logs. */
const FOLDER_MODE = 0o700;
const FILE_MODE = 0o600;

/** Our sub-folders; everything else in the folder (Electron's own files) is left as it is. */
const DATA_SUBFOLDERS = ['logs', 'backups'] as const;

/** Our files at the top of the folder: the database and the files SQLite keeps beside it. */
const OWN_FILES = /^pooler\.db(-wal|-shm|-journal)?$/;

export interface Tightened {
  /** Relative to the data folder ('.' for the folder itself). */
  path: string;
  /** The mode it had, as octal text (e.g. '755'). */
  was: string;
}

function tighten(path: string, mode: number, root: string, changed: Tightened[]) {
  const current = statSync(path).mode & 0o777;
  if ((current & ~mode) === 0) return;
  chmodSync(path, current & mode);
  changed.push({ path: relative(root, path) || '.', was: current.toString(8) });
}

/**
 * Creates the data folder and its sub-folders readable by their owner only, and tightens
 * anything of ours that a looser umask or an older version left readable by others. Returns
 * what it tightened, for the log. (Windows has no such modes: its per-user profile folders
 * already keep other users out.)
 */
export function prepareDataFolder(dataDir: string, platform = process.platform): Tightened[] {
  mkdirSync(dataDir, { recursive: true, mode: FOLDER_MODE });
  for (const sub of DATA_SUBFOLDERS) mkdirSync(join(dataDir, sub), { recursive: true, mode: FOLDER_MODE });
  if (platform === 'win32') return [];
  const changed: Tightened[] = [];
  tighten(dataDir, FOLDER_MODE, dataDir, changed);
  for (const name of readdirSync(dataDir)) {
    if (OWN_FILES.test(name)) tighten(join(dataDir, name), FILE_MODE, dataDir, changed);
  }
  for (const sub of DATA_SUBFOLDERS) {
    const folder = join(dataDir, sub);
    tighten(folder, FOLDER_MODE, dataDir, changed);
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isFile()) tighten(path, FILE_MODE, dataDir, changed);
    }
  }
  return changed;
}

/**
 * Creates an empty file of ours, owner-only, unless it exists: SQLite takes an empty file for a
 * new database, and gives its -wal and -shm files the database file's mode.
 */
export function createOwnerOnlyFile(path: string) {
  if (!existsSync(path)) writeFileSync(path, '', { mode: FILE_MODE, flag: 'wx' });
}
