import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PoolerEvent } from '../../../../shared/contract';
import { createAuditLog, type AuditRecord } from '../../../../electron/core/audit/audit-log';
import { createChanges, type Changes } from '../../../../electron/core/audit/changes';
import { openCoreDatabase, type Db } from '../../../../electron/core/db/open-database';
import { createEventBus } from '../../../../electron/core/events/event-bus';
import { createLogger } from '../../../../electron/core/log/logger';
import { makeTempDir } from '../../../support/temp-dir';

const entry = (name: string): AuditRecord => ({
  actor: { kind: 'system', name: 'test' },
  action: 'settings.changed',
  targetType: 'settings',
  targetId: name,
  poolId: null,
  details: { section: 'onboarding', changes: { from: {}, to: { host: name } } },
});
const changed: PoolerEvent = { name: 'settings.changed', payload: {} };

describe('audited changes: rows and audit entries commit together; events follow the outermost commit', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let db: Db;
  let changes: Changes;
  /** Each event with whether the database was still inside a transaction when it arrived. */
  let heard: { name: string; inTransaction: boolean }[];
  const auditCount = () => (db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;

  beforeEach(() => {
    dir = makeTempDir('pooler-changes');
    const { logger } = createLogger(dir.path);
    db = openCoreDatabase({ dataDir: dir.path, now: Date.now, logger }).db;
    const events = createEventBus(logger, { checkPayloads: true });
    changes = createChanges({ db, audit: createAuditLog(db, Date.now), events });
    heard = [];
    events.subscribe((event) => heard.push({ name: event.name, inTransaction: db.inTransaction }));
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  it('announces the change, then its audit entry, after the commit', () => {
    const id = changes.write((write) => {
      write.emit(changed);
      const auditId = write.audit(entry('a'));
      expect(heard).toEqual([]);
      return auditId;
    });
    expect(heard).toEqual([
      { name: 'settings.changed', inTransaction: false },
      { name: 'audit.appended', inTransaction: false },
    ]);
    expect(id).toBeGreaterThan(0);
  });

  it('holds a nested write’s events until the outer write commits', () => {
    changes.write((outer) => {
      changes.write((inner) => {
        inner.emit(changed);
        inner.audit(entry('inner'));
      });
      expect(heard).toEqual([]);
      outer.audit(entry('outer'));
    });
    expect(heard.map((e) => e.name)).toEqual(['settings.changed', 'audit.appended', 'audit.appended']);
    expect(heard.every((e) => !e.inTransaction)).toBe(true);
    expect(auditCount()).toBe(2);
  });

  it('announces nothing and keeps nothing when the write fails', () => {
    expect(() =>
      changes.write((write) => {
        write.emit(changed);
        write.audit(entry('lost'));
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(heard).toEqual([]);
    expect(auditCount()).toBe(0);
  });

  it('undoes only a failed nested part, and drops only its events', () => {
    changes.write((outer) => {
      outer.audit(entry('kept'));
      try {
        changes.write((inner) => {
          inner.emit(changed);
          inner.audit(entry('undone'));
          throw new Error('inner refused');
        });
      } catch {
        // The outer write carries on without the inner part.
      }
    });
    expect(heard.map((e) => e.name)).toEqual(['audit.appended']);
    expect(db.prepare('SELECT target_id FROM audit_events').all()).toEqual([{ target_id: 'kept' }]);
  });
});
