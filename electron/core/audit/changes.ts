import type { PoolerEvent } from '../../../shared/contract';
import type { SqlDatabase } from '../db/sql/sql-database';
import type { EventBus } from '../events/event-bus';
import type { AuditLog, AuditRecord } from './audit-log';
import { writeContext } from '../db/write-context';

/** What one write may do besides its own rows: audit itself and announce what changed. */
export interface Change {
  /** Appends an audit entry in this write's transaction; every console hears of it after the commit. */
  audit(entry: AuditRecord): Promise<number>;
  /** Announces a change to every console once the write has committed. */
  emit(event: PoolerEvent): void;
}

export interface Changes {
  /**
   * Runs `fn` in a write transaction with its audit entries, then emits its events once the
   * outermost write has committed. Inside another write it joins it (as a savepoint, so a
   * failure undoes only its own part), and its events wait for that write's commit; a write
   * that rolls back (or is run again after losing a race on PostgreSQL) announces nothing of it.
   */
  write<T>(fn: (change: Change) => Promise<T>): Promise<T>;
}

interface Queue {
  events: PoolerEvent[];
  audits: PoolerEvent[];
}

export function createChanges(deps: { db: SqlDatabase; audit: AuditLog; events: EventBus }): Changes {
  const { db, audit, events } = deps;
  const open = writeContext<Queue>();

  const changeFor = (queue: Queue): Change => ({
    async audit(entry) {
      const id = await audit.record(entry);
      queue.audits.push({ name: 'audit.appended', payload: { id } });
      return id;
    },
    emit: (event) => void queue.events.push(event),
  });

  return {
    async write(fn) {
      const outer = open.current();
      if (outer) {
        const queue: Queue = { events: [], audits: [] };
        const result = await db.write(() => open.run(queue, () => fn(changeFor(queue))));
        outer.events.push(...queue.events);
        outer.audits.push(...queue.audits);
        return result;
      }
      let queue: Queue = { events: [], audits: [] };
      const result = await db.write(() => {
        // A fresh queue per attempt: a PostgreSQL write that is run again announces only its last run.
        queue = { events: [], audits: [] };
        return open.run(queue, () => fn(changeFor(queue)));
      });
      // The change itself first, then its audit entries: a console shows the row before its history.
      for (const event of [...queue.events, ...queue.audits]) events.emit(event);
      return result;
    },
  };
}
