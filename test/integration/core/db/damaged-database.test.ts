import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, DATABASE_FILE, StartupError } from '../../../../electron/core';
import { bytesOf, DAMAGE, type Damage } from '../../../support/damage-database';
import { seedOperatorAndPools } from '../../../support/invite-fixtures';
import { makeTempDir } from '../../../support/temp-dir';
import { deleteKeychainKey, startTestCore } from '../../../support/test-core';

const sound = makeTempDir('pooler-sound');
const copies: { remove(): void }[] = [];
let keychainService: string;

beforeAll(async () => {
  const t = await startTestCore({ dataDir: sound.path });
  keychainService = t.keychainService;
  const { research } = await seedOperatorAndPools(t);
  for (let i = 0; i < 300; i++) {
    await t.call('invites.create', {
      poolId: research,
      email: `user-${i}@example.com`,
      expiry: '24h',
      sendEmail: false,
    });
  }
  await t.services.backups!.idle();
  await t.core.close();
});
afterAll(() => {
  deleteKeychainKey(keychainService);
  sound.remove();
  copies.forEach((c) => c.remove());
});

/** A copy of the sound data folder with its database damaged one way. */
function damaged(damage: Damage) {
  const dir = makeTempDir('pooler-damaged');
  copies.push(dir);
  cpSync(sound.path, dir.path, { recursive: true });
  DAMAGE[damage](join(dir.path, DATABASE_FILE));
  return dir.path;
}

describe('a damaged database at start', () => {
  it.each(Object.keys(DAMAGE) as Damage[])(
    '%s: refused with one line naming the file and what to do',
    async (damage) => {
      const dataDir = damaged(damage);
      const file = join(dataDir, DATABASE_FILE);
      const before = bytesOf(file);
      let error: unknown;
      try {
        await createCore({ dataDir, version: 'test', env: { POOLER_KEYCHAIN_SERVICE: keychainService } });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(StartupError);
      expect(error).toMatchObject({ code: 'database_damaged' });
      const message = (error as Error).message;
      expect(message).not.toContain('\n');
      expect(message).toContain(`The database ${file} is damaged`);
      expect(message).toContain('npm run restore -- <backup>');
      expect(message).toContain(join(dataDir, 'backups'));
      // Refusing to start changes nothing: the damaged file is left for the restore to keep.
      expect(bytesOf(file).equals(before)).toBe(true);
    },
  );
});
