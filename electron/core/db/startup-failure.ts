import { StartupError } from '../errors';
import { isStorageFull } from '../storage/storage-full';

interface Where {
  file: string;
  dataDir: string;
  backupsDir: string;
}

/** One line, no newlines from SQLite's own report, not too long to read at a glance. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 157)}…` : flat;
}

/**
 * Why the database could not be opened, as a StartupError the shells print as one line that
 * names the file and what to do. Anything else (a bug) is returned as it is.
 */
export function startupFailure(err: unknown, where: Where): unknown {
  if (err instanceof StartupError) return err;
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  const detail = oneLine(err instanceof Error ? err.message : String(err));
  if (isStorageFull(err)) {
    return new StartupError(
      'storage_full',
      `The disk holding ${where.dataDir} is full, so the database cannot be opened. Free some space, then start Pooler Console again.`,
    );
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new StartupError(
      'database_damaged',
      `The database ${where.file} is damaged (${detail}). Quit every Pooler Console using this folder, then restore a backup ` +
        `with "npm run restore -- <backup>" ("npm run restore" lists those in ${where.backupsDir}), ` +
        'or move the damaged file away to start with an empty database.',
    );
  }
  if (
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_READONLY') ||
    code === 'SQLITE_PERM' ||
    code === 'EACCES' ||
    code === 'EPERM'
  ) {
    return new StartupError(
      'database_unreadable',
      `The database ${where.file} cannot be opened (${detail}). Check that the file and its folder belong to you and can be written, then start again.`,
    );
  }
  return err;
}
