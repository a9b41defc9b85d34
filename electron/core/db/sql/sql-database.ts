import { sql, type ControlledTransaction, type Kysely } from 'kysely';
import type { Schema } from './schema';
import { writeContext } from '../write-context';

export type DialectName = 'sqlite' | 'postgres';

/** The database as the stores see it, whichever one holds the data. */
export interface SqlDatabase {
  readonly dialect: DialectName;
  /** Where a query goes now: the open write's transaction, or the database itself. */
  q(): Kysely<Schema>;
  /**
   * Runs `fn` as one write transaction. Inside another write it joins it as a savepoint (a
   * failure undoes only its own part). On SQLite the write lock is taken up front (BEGIN
   * IMMEDIATE); on PostgreSQL it is SERIALIZABLE and, when it loses to a concurrent transaction
   * (serialization failure, deadlock), runs again from the start: `fn` keeps its side effects
   * for after the commit.
   */
  write<T>(fn: () => Promise<T>): Promise<T>;
  /** Whether the database answers a trivial query within `timeoutMs` (readiness checks). */
  answers(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** SQLSTATEs that mean "run it again": serialization_failure, deadlock_detected. */
const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 20;

interface Open {
  trx: ControlledTransaction<Schema>;
}

export function sqlDatabase(dialect: DialectName, kysely: Kysely<Schema>, close: () => Promise<void>): SqlDatabase {
  const open = writeContext<Open>();
  let savepoints = 0;

  async function nested<T>(outer: Open, fn: () => Promise<T>): Promise<T> {
    const name = `sp${++savepoints}`;
    // A savepoint's name is only a label; Kysely's types track literal names, ours are dynamic.
    const trx = (await outer.trx.savepoint(name).execute()) as unknown as ControlledTransaction<Schema>;
    try {
      const result = await open.run({ trx }, fn);
      await outer.trx.releaseSavepoint(name as never).execute();
      return result;
    } catch (err) {
      await outer.trx.rollbackToSavepoint(name as never).execute();
      throw err;
    }
  }

  async function outermost<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const start = kysely.startTransaction();
      const trx = await (dialect === 'postgres' ? start.setIsolationLevel('serializable') : start).execute();
      try {
        const result = await open.run({ trx }, fn);
        await trx.commit().execute();
        return result;
      } catch (err) {
        if (!trx.isCommitted)
          await trx
            .rollback()
            .execute()
            .catch(() => undefined);
        const code = (err as { code?: unknown } | null)?.code;
        if (dialect !== 'postgres' || !RETRYABLE.has(String(code)) || attempt >= ATTEMPTS) throw err;
        // Let the winner finish; a little jitter keeps two losers from meeting again.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * attempt * 2));
      }
    }
  }

  return {
    dialect,
    q: () => open.current()?.trx ?? kysely,
    write(fn) {
      const outer = open.current();
      return outer ? nested(outer, fn) : outermost(fn);
    },
    async answers(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      const asked = sql`SELECT 1`.execute(kysely).then(
        () => true,
        () => false,
      );
      try {
        return await Promise.race([asked, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    close,
  };
}
