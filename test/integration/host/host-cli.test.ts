import { spawnSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../electron/core';
import { rpc, startConsoleProcess } from '../../support/console-process';
import { DAMAGE, type Damage } from '../../support/damage-database';
import { seedOperatorAndPools } from '../../support/invite-fixtures';
import { makeTempDir } from '../../support/temp-dir';
import { startTestCore, testKeychainService } from '../../support/test-core';

/** Text as a regular expression that matches it literally. */
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const HOST_ENTRY = join(import.meta.dirname, '../../../out/main/host.js');
const RESTORE_ENTRY = join(import.meta.dirname, '../../../out/main/restore.js');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0)) await fn();
});

beforeAll(() => {
  expect(existsSync(HOST_ENTRY), 'the built console is missing: run `npm run build` first').toBe(true);
});

/** Runs the built browser console to completion (for the ways it refuses to start). */
function runHost(args: string[], env: NodeJS.ProcessEnv = {}, entry = HOST_ENTRY) {
  const dir = makeTempDir('pooler-cli');
  cleanups.push(dir.remove);
  return spawnSync(process.execPath, [entry, ...args], {
    env: { ...process.env, POOLER_DATA_DIR: dir.path, POOLER_KEYCHAIN_SERVICE: testKeychainService(), ...env },
    encoding: 'utf8',
    timeout: 15_000,
  });
}

describe('npm run start:web (the built host)', () => {
  it('prints a one-time sign-in link, fresh for every start, for its own console only; then where invite links are served', async () => {
    const first = await startConsoleProcess();
    cleanups.push(first.stop);
    const second = await startConsoleProcess();
    cleanups.push(second.stop);
    const printed = first.output().trim().split('\n');
    expect(printed).toHaveLength(2);
    expect(printed[0]).toMatch(/^Pooler Console: http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    // Printed once the listener is up, so a link opened at once finds it.
    expect(printed[1]).toBe(`Invite links: served on 127.0.0.1:${first.onboardingPort}`);
    expect((await fetch(`http://127.0.0.1:${first.onboardingPort}/onboarding/health`)).ok).toBe(true);
    expect(first.token).not.toBe(second.token);
    expect((await fetch(first.url)).status).toBe(200);
    // The harness spent the printed link on its own session: it signs nobody in a second time.
    const again = await fetch(`${first.origin}/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: first.token }),
    });
    expect(again.status).toBe(401);
  });

  it('says when invite links cannot be served (their port taken), and still runs the console', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => blocker.close(resolve)));
    const port = (blocker.address() as { port: number }).port;
    const handle = await startConsoleProcess({ env: { POOLER_ONBOARDING_PORT: String(port) } });
    cleanups.push(handle.stop);
    expect(handle.output()).toMatch(/^Invite links: not served \(.+\); see Settings$/m);
    expect((await fetch(handle.url)).status).toBe(200);
  });

  it('stops cleanly on SIGTERM', async () => {
    const handle = await startConsoleProcess();
    await handle.stop();
    await expect(fetch(handle.url)).rejects.toThrow();
  });

  it('refuses a bad --port with a clear message', () => {
    const result = runHost(['--port', 'eighty']);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Pooler Console could not start: --port must be a number from 0 to 65535, got "eighty".',
    );
  });

  it('says which port is taken instead of crashing', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => blocker.close(resolve)));
    const port = (blocker.address() as { port: number }).port;
    const result = runHost(['--port', String(port)]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`port ${port} is already in use`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a data folder from a newer version, saying so plainly', () => {
    const dir = makeTempDir('pooler-future');
    cleanups.push(dir.remove);
    const db = new Database(join(dir.path, DATABASE_FILE));
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT;
             INSERT INTO schema_migrations VALUES (999, 'future', 'x', 0);`);
    db.close();
    const result = runHost(['--port', '0'], { POOLER_DATA_DIR: dir.path });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Pooler Console could not start: This data folder was last used by a newer version/);
  });

  it('refuses a malformed environment value, naming it', () => {
    const result = runHost(['--port', '0'], { POOLER_ONBOARDING_PORT: 'seventy' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Pooler Console could not start: POOLER_ONBOARDING_PORT must be a port number from 0 to 65535, got "seventy".',
    );
  });

  it('refuses a damaged database in one line that names the file and the way back, for each kind of damage', async () => {
    const sound = makeTempDir('pooler-sound');
    cleanups.push(sound.remove);
    const t = await startTestCore({ dataDir: sound.path });
    const { research } = await seedOperatorAndPools(t);
    for (let i = 0; i < 200; i++) {
      await t.call('invites.create', { poolId: research, email: `u${i}@example.com`, expiry: '24h', sendEmail: false });
    }
    await t.dispose();
    for (const damage of Object.keys(DAMAGE) as Damage[]) {
      const dir = makeTempDir('pooler-damaged');
      cleanups.push(dir.remove);
      cpSync(sound.path, dir.path, { recursive: true });
      DAMAGE[damage](join(dir.path, DATABASE_FILE));
      const result = runHost(['--port', '0'], { POOLER_DATA_DIR: dir.path });
      expect(result.status, damage).toBe(1);
      // The link is printed as the listener opens, before the core loads; the refusal follows,
      // and nothing says the console runs.
      expect(result.stdout, damage).toMatch(/^Pooler Console: http:\/\/127\.0\.0\.1:\d+\/\?token=\S+\n$/);
      const lines = result.stderr.trim().split('\n');
      expect(lines, damage).toHaveLength(1);
      expect(lines[0], damage).toMatch(
        new RegExp(
          `^Pooler Console could not start: The database ${escape(join(dir.path, DATABASE_FILE))} is damaged \\(.+\\)\\. .*npm run restore -- <backup>`,
        ),
      );
    }
  });

  it('npm run restore lists the backups, refuses while the console runs, and restores once it is stopped', async () => {
    const pooler = await startConsoleProcess();
    cleanups.push(pooler.stop);
    const env = { POOLER_DATA_DIR: pooler.dataDir, POOLER_KEYCHAIN_SERVICE: pooler.keychainService };
    await rpc(pooler, 'pools.create', { name: 'Backed up' });
    const listed = runHost([], env, RESTORE_ENTRY);
    expect(listed.status).toBe(0);
    const [name] = /pooler-\S+-daily\.db/.exec(listed.stdout) ?? [];
    expect(name).toBeDefined();
    expect(listed.stdout).toContain('Restore one with: npm run restore -- <name or path>');

    const refused = runHost([name!], env, RESTORE_ENTRY);
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim()).toBe(
      'Pooler Console could not restore: Pooler Console is using this data folder. Quit the desktop app and every browser console first, then restore.',
    );
    await pooler.halt();
    const restored = runHost([name!], env, RESTORE_ENTRY);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(
      /^Restored .*-daily\.db into .*\.\nThe database it replaced is kept as .*-before-restore\.db\.\n$/,
    );
  });
});
