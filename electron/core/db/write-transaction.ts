import type { Db } from './open-database';

/**
 * Runs `fn` in a write transaction that takes the write lock up front (BEGIN IMMEDIATE). A
 * deferred transaction that reads, then writes, can be overtaken by another connection (the
 * desktop app and a browser console share one file); taking the lock first makes every
 * check-then-write atomic across processes.
 */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}
