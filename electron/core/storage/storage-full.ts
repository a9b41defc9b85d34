/** Whether an error is the disk (or the database's size limit) being full: SQLite's or the OS's word for it. */
export function isStorageFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}
