import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PoolerEvent } from '../../../../shared/contract';
import { createAuditLog, type AuditRecord } from '../../../../electron/core/audit/audit-log';
import { createChanges, type Changes } from '../../../../electron/core/audit/changes';
import { createEventBus } from '../../../../electron/core/events/event-bus';
import { createLogger } from '../../../../electron/core/log/logger';
import { DIALECTS, openTestDatabase, type OpenedDatabase } from '../../../support/sql-databases';

const entry = (name: string): AuditRecord => ({
  actor: { kind: 'system', name: 'test' },
  action: 'settings.changed',
  targetType: 'settings',
  targetId: name,
  poolId: null,
  details: { section: 'onboarding', changes: { from: {}, to: { host: name } } },
});
const changed: PoolerEvent = { name: 'settings.changed', payload: {} };

describe.each(DIALECTS)(
  'audited changes on %s: rows and audit entries commit together; events follow the outermost commit',
  (dialect) => {
    let opened: OpenedDatabase;
    let changes: Changes;
    /** Each event with whether it arrived while a write was still open. */
    let heard: { name: string; inTransaction: boolean }[];
    const auditTargets = async () =>
      (await opened.db.q().selectFrom('audit_events').select('target_id').orderBy('id').execute()).map(
        (r) => r.target_id,
      );

    beforeEach(async () => {
      opened = await openTestDatabase(dialect);
      const { db } = opened;
      const events = createEventBus(createLogger(opened.dir, 'warn').logger, { checkPayloads: true });
      changes = createChanges({ db, audit: createAuditLog(db, Date.now), events });
      heard = [];
      events.subscribe((event) => heard.push({ name: event.name, inTransaction: db.q().isTransaction }));
    });
    afterEach(() => opened.close());

    it('announces the change, then its audit entry, after the commit', async () => {
      const id = await changes.write(async (write) => {
        write.emit(changed);
        const auditId = await write.audit(entry('a'));
        expect(heard).toEqual([]);
        return auditId;
      });
      expect(heard).toEqual([
        { name: 'settings.changed', inTransaction: false },
        { name: 'audit.appended', inTransaction: false },
      ]);
      expect(id).toBeGreaterThan(0);
    });

    it('holds a nested write’s events until the outer write commits', async () => {
      await changes.write(async (outer) => {
        await changes.write(async (inner) => {
          inner.emit(changed);
          await inner.audit(entry('inner'));
        });
        expect(heard).toEqual([]);
        await outer.audit(entry('outer'));
      });
      expect(heard.map((e) => e.name)).toEqual(['settings.changed', 'audit.appended', 'audit.appended']);
      expect(heard.every((e) => !e.inTransaction)).toBe(true);
      expect(await auditTargets()).toEqual(['inner', 'outer']);
    });

    it('announces nothing and keeps nothing when the write fails', async () => {
      await expect(
        changes.write(async (write) => {
          write.emit(changed);
          await write.audit(entry('lost'));
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(heard).toEqual([]);
      expect(await auditTargets()).toEqual([]);
    });

    it('undoes only a failed nested part, and drops only its events', async () => {
      await changes.write(async (outer) => {
        await outer.audit(entry('kept'));
        await changes
          .write(async (inner) => {
            inner.emit(changed);
            await inner.audit(entry('undone'));
            throw new Error('inner refused');
          })
          // The outer write carries on without the inner part.
          .catch(() => undefined);
      });
      expect(heard.map((e) => e.name)).toEqual(['audit.appended']);
      expect(await auditTargets()).toEqual(['kept']);
    });
  },
);
