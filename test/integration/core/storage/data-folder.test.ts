import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../support/temp-dir';
import { startTestCore } from '../../../support/test-core';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

const FOLDERS = ['', 'logs', 'backups'];
const FILES = ['pooler.db', 'pooler.db-wal', 'pooler.db-shm', 'logs/pooler.log'];

describe('the data folder', () => {
  it('is created readable by its owner only, with every file of ours, whatever the umask', async () => {
    const parent = makeTempDir('pooler-perms');
    dirs.push(parent);
    const dataDir = join(parent.path, 'data');
    const umask = process.umask(0o022);
    try {
      const t = await startTestCore({ dataDir });
      await t.call('pools.create', { name: 'Research' });
      for (const folder of FOLDERS) expect(mode(join(dataDir, folder)), folder || 'the folder').toBe('700');
      for (const file of FILES) expect(mode(join(dataDir, file)), file).toBe('600');
      await t.services.backups!.idle();
      const [backup] = t.services.backups!.list();
      expect(backup && mode(backup.path)).toBe('600');
      await t.dispose();
    } finally {
      process.umask(umask);
    }
  });

  it('tightens a folder and files left readable by others, and says so in the log', async () => {
    const dir = makeTempDir('pooler-loose');
    dirs.push(dir);
    let t = await startTestCore({ dataDir: dir.path });
    await t.call('pools.create', { name: 'Research' });
    // Copied in by hand, or written by an older version under umask 022.
    chmodSync(dir.path, 0o755);
    chmodSync(join(dir.path, 'logs'), 0o755);
    for (const file of FILES) chmodSync(join(dir.path, file), 0o644);
    t = await t.restart();
    for (const folder of FOLDERS) expect(mode(join(dir.path, folder)), folder || 'the folder').toBe('700');
    for (const file of FILES) expect(mode(join(dir.path, file)), file).toBe('600');
    const log = readFileSync(join(dir.path, 'logs', 'pooler.log'), 'utf8');
    const line = log.split('\n').find((l) => l.includes('made it owner-only'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({
      tightened: expect.arrayContaining([
        { path: '.', was: '755' },
        { path: 'pooler.db', was: '644' },
        { path: 'logs/pooler.log', was: '644' },
      ]),
    });
    expect((await t.call('pools.list', {})).pools).toHaveLength(1);
    await t.dispose();
  });
});
