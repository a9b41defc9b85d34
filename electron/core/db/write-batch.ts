import type { SqlDatabase } from './sql/sql-database';

/**
 * Gathers small writes that arrive in the same turn of the event loop (a burst of quota readings
 * answered together) into one transaction: one commit, so one fsync, instead of one each. Each
 * caller's promise settles once its write is committed (or with the transaction's error).
 */
export function createWriteBatch(db: SqlDatabase) {
  let pending: (() => Promise<void>)[] = [];
  let committed: Promise<void> | null = null;

  async function flush(): Promise<void> {
    const writes = pending;
    pending = [];
    committed = null;
    await db.write(async () => {
      for (const write of writes) await write();
    });
  }

  return (write: () => Promise<void>): Promise<void> => {
    pending.push(write);
    committed ??= new Promise<void>((resolve, reject) =>
      setImmediate(() => {
        flush().then(resolve, reject);
      }),
    );
    return committed;
  };
}

export type WriteBatch = ReturnType<typeof createWriteBatch>;
