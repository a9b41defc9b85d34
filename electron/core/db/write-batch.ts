import type { Db } from './open-database';
import { writeTransaction } from './write-transaction';

/**
 * Gathers small writes that arrive in the same turn of the event loop (a burst of quota readings
 * answered together) into one transaction: one commit, so one fsync, instead of one each. Each
 * caller's promise settles once its write is committed (or with the transaction's error).
 */
export function createWriteBatch(db: Db) {
  let pending: (() => void)[] = [];
  let committed: Promise<void> | null = null;

  function flush(): void {
    const writes = pending;
    pending = [];
    committed = null;
    writeTransaction(db, () => {
      for (const write of writes) write();
    });
  }

  return (write: () => void): Promise<void> => {
    pending.push(write);
    committed ??= new Promise<void>((resolve, reject) =>
      setImmediate(() => {
        try {
          flush();
          resolve();
        } catch (err) {
          reject(err);
        }
      }),
    );
    return committed;
  };
}

export type WriteBatch = ReturnType<typeof createWriteBatch>;
