import { afterEach, describe, expect, it } from 'vitest';
import { seamDisk, tmpfsDisk, type FullDisk } from '../../../support/full-disk';
import { seedOperatorAndPools } from '../../../support/invite-fixtures';
import { startTestCore } from '../../../support/test-core';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

// A real full filesystem where this machine can mount one (tried once here); the seam always.
const probe = tmpfsDisk();
probe?.remove();
const disks: [string, () => FullDisk | null][] = [['the fault-injection seam', seamDisk]];
if (probe) disks.push(['a full tmpfs', tmpfsDisk]);

describe('a full disk', () => {
  it.each(disks)(
    'on %s: every write is refused with storage_full, reads go on, and writing resumes once there is room',
    async (_name, make) => {
      const disk = make();
      if (!disk) throw new Error('the disk could not be prepared');
      cleanups.push(disk.remove);
      const t = await startTestCore({ dataDir: disk.dataDir });
      cleanups.push(() => t.dispose());
      const { research } = await seedOperatorAndPools(t);
      await t.services.backups!.idle();
      disk.fill(t.services.sqlite!);

      let created = 0;
      const answers: string[] = [];
      for (let i = 0; answers.length < 60 && i < 5000; i++) {
        const result = await t.raw('invites.create', {
          poolId: research,
          email: `user-${i}@example.com`,
          expiry: '24h',
          sendEmail: false,
        });
        if (result.ok) created++;
        else answers.push(result.error.code);
      }
      // Each refusal is typed, long past the third (the logger failing too must not change that).
      expect(answers).toHaveLength(60);
      expect(new Set(answers)).toEqual(new Set(['storage_full']));
      const refused = await t.raw('pools.create', { name: 'No room' });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'storage_full', message: expect.stringMatching(/disk .* is full/) },
      });
      const listed = await t.call('invites.list', {});
      expect(listed.invites.length).toBe(created);

      disk.free(t.services.sqlite!);
      await t.call('pools.create', { name: 'Room again' });
      expect((await t.call('pools.list', {})).pools.map((p) => p.name)).toContain('Room again');
    },
  );
});
