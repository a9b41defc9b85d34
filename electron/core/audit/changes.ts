import type { PoolerEvent } from '../../../shared/contract';
import type { Db } from '../db/open-database';
import { writeTransaction } from '../db/write-transaction';
import type { EventBus } from '../events/event-bus';
import type { AuditLog, AuditRecord } from './audit-log';

/** What one write may do besides its own rows: audit itself and announce what changed. */
export interface Change {
  /** Appends an audit entry in this write's transaction; every console hears of it after the commit. */
  audit(entry: AuditRecord): number;
  /** Announces a change to every console once the write has committed. */
  emit(event: PoolerEvent): void;
}

export interface Changes {
  /**
   * Runs `fn` in a write transaction with its audit entries, then emits its events once the
   * outermost write has committed. Inside another write it joins it (as a savepoint, so a
   * failure undoes only its own part), and its events wait for that write's commit; a write
   * that rolls back announces nothing.
   */
  write<T>(fn: (change: Change) => T): T;
}

interface Queue {
  events: PoolerEvent[];
  audits: PoolerEvent[];
}

export function createChanges(deps: { db: Db; audit: AuditLog; events: EventBus }): Changes {
  const { db, audit, events } = deps;
  let open: Queue | null = null;

  const changeFor = (queue: Queue): Change => ({
    audit(entry) {
      const id = audit.record(entry);
      queue.audits.push({ name: 'audit.appended', payload: { id } });
      return id;
    },
    emit: (event) => void queue.events.push(event),
  });

  return {
    write(fn) {
      const outer = open;
      const queue: Queue = { events: [], audits: [] };
      open = queue;
      try {
        if (outer) {
          const result = db.transaction(() => fn(changeFor(queue)))();
          outer.events.push(...queue.events);
          outer.audits.push(...queue.audits);
          return result;
        }
        const result = writeTransaction(db, () => fn(changeFor(queue)));
        // The change itself first, then its audit entries: a console shows the row before its history.
        for (const event of [...queue.events, ...queue.audits]) events.emit(event);
        return result;
      } finally {
        open = outer;
      }
    },
  };
}
