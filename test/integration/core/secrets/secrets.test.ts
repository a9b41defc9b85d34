import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../../electron/core';
import { keychainEntry } from '../../../../electron/core/secrets/keychain';
import { createSecrets, type DataKeyStore } from '../../../../electron/core/secrets/secrets';
import { StartupError } from '../../../../electron/core/errors';
import { allFiles } from '../../../support/data-files';
import { createLogger } from '../../../../electron/core/log/logger';
import { openDatabase } from '../../../../electron/core/db/open-database';
import { sqliteDatabase } from '../../../../electron/core/db/sql/sqlite-database';
import { makeTempDir } from '../../../support/temp-dir';
import { deleteKeychainKey, startTestCore, testKeychainService, type TestCore } from '../../../support/test-core';

// These run against the real OS keychain: under `npm test` on Linux, a private gnome-keyring.
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0)) await fn();
});

async function core(options: Parameters<typeof startTestCore>[0] = {}): Promise<TestCore> {
  const t = await startTestCore(options);
  cleanups.push(() => t.dispose());
  return t;
}

/** The secrets as a second connection to the data folder's database sees them. */
function secretsFor(t: TestCore, store: DataKeyStore = { kind: 'keychain', service: t.keychainService }) {
  const sqlite = openDatabase(join(t.dataDir, DATABASE_FILE));
  const db = sqliteDatabase(sqlite);
  cleanups.unshift(async () => {
    await db.close();
    sqlite.close();
  });
  return createSecrets(db, store, Date.now, createLogger(t.dataDir).logger);
}

/** Every byte SQLite holds for this data folder: the database and its WAL. */
function databaseBytes(dataDir: string): Buffer {
  return Buffer.concat(
    readdirSync(dataDir)
      .filter((f) => f.startsWith(DATABASE_FILE))
      .map((f) => readFileSync(join(dataDir, f))),
  );
}

describe('secrets with the OS keychain', () => {
  it('keeps a 32-byte data key in the keychain under the configured service', async () => {
    const t = await core();
    expect((await t.call('app.status', {})).keychain).toEqual({
      available: true,
      store: 'keychain',
      service: t.keychainService,
      reason: null,
    });
    const stored = keychainEntry(t.keychainService).getPassword();
    expect(Buffer.from(stored ?? '', 'base64')).toHaveLength(32);
  });

  it('stores values sealed in SQLite, never in plain text, and reads them back after a restart', async () => {
    let t = await core();
    const secrets = await secretsFor(t);
    const password = `smtp-password-${Date.now()}-plain-marker`;
    await secrets.put('smtp.password', password);
    expect(await secrets.get('smtp.password')).toBe(password);
    expect(databaseBytes(t.dataDir).includes(Buffer.from('plain-marker'))).toBe(false);
    t = await t.restart();
    expect(await (await secretsFor(t)).get('smtp.password')).toBe(password);
    await (await secretsFor(t)).delete('smtp.password');
    expect(await (await secretsFor(t)).get('smtp.password')).toBeNull();
  });

  it('refuses to open secrets with a key that is not the one they were sealed with', async () => {
    const t = await core();
    await (await secretsFor(t)).put('smtp.password', 'x');
    keychainEntry(t.keychainService).setPassword(Buffer.alloc(32, 7).toString('base64'));
    const restarted = await t.restart();
    cleanups.push(() => restarted.dispose());
    const { keychain } = await restarted.call('app.status', {});
    expect(keychain.available).toBe(false);
    expect(keychain.reason).toMatch(/not the one this data folder's secrets were sealed with/);
    await expect((await secretsFor(restarted)).get('smtp.password')).rejects.toThrow(/not the one/);
  });

  it('seals row secrets bound to their purpose', async () => {
    const secrets = await secretsFor(await core());
    const blob = secrets.seal('upstream.access_token', 'at-123');
    expect(secrets.open('upstream.access_token', blob)).toBe('at-123');
    expect(() => secrets.open('upstream.refresh_token', blob)).toThrow();
  });
});

describe('secrets with a data key file (a server without a keychain)', () => {
  function keyFileCore(keyFile: string) {
    return core({ env: { POOLER_DATA_KEY_FILE: keyFile } });
  }

  it('creates the key file on first start, readable by its owner only, and keeps using it', async () => {
    const dir = makeTempDir('pooler-keyfile');
    cleanups.push(dir.remove);
    const keyFile = join(dir.path, 'data.key');
    let t = await keyFileCore(keyFile);
    expect((await t.call('app.status', {})).keychain).toEqual({
      available: true,
      store: 'file',
      service: keyFile,
      reason: null,
    });
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, 'utf8');
    expect(Buffer.from(key.trim(), 'base64')).toHaveLength(32);
    // Never in the keychain, the log or the database.
    expect(keychainEntry(t.keychainService).getPassword()).toBeNull();
    await t.call('smtp.update', {
      enabled: true,
      host: 'smtp.example.com',
      port: 587,
      security: 'starttls',
      username: 'mailer',
      password: { action: 'replace', value: 'key-file-marker' },
      fromAddress: 'console@example.com',
      fromName: 'Pooler Console',
      allowUntrustedCertificates: false,
      timeoutSeconds: 15,
    });
    expect(allFiles(t.dataDir).some((file) => readFileSync(file).includes(key.trim()))).toBe(false);
    expect(databaseBytes(t.dataDir).includes(Buffer.from('key-file-marker'))).toBe(false);
    t = await t.restart();
    expect(readFileSync(keyFile, 'utf8')).toBe(key);
    expect(await (await secretsFor(t, { kind: 'file', path: keyFile })).get('smtp.password')).toBe('key-file-marker');
  });

  it('refuses to start on a key file others can read, or one that holds no key, saying which and why', async () => {
    const dir = makeTempDir('pooler-keyfile');
    cleanups.push(dir.remove);
    const loose = join(dir.path, 'loose.key');
    writeFileSync(loose, `${Buffer.alloc(32, 1).toString('base64')}\n`, { mode: 0o644 });
    chmodSync(loose, 0o644);
    await expect(keyFileCore(loose)).rejects.toThrow(
      new StartupError(
        'data_key_file',
        `The data key file ${loose} can be read by others (mode 644); run chmod 600 on it.`,
      ),
    );
    const junk = join(dir.path, 'junk.key');
    writeFileSync(junk, 'not a key\n', { mode: 0o600 });
    await expect(keyFileCore(junk)).rejects.toThrow(/does not hold a 32-byte base64 key/);
    const missingFolder = join(dir.path, 'nowhere', 'data.key');
    await expect(keyFileCore(missingFolder)).rejects.toThrow(/could not be created \(ENOENT\)/);
    // Nothing was created along the way.
    expect(readFileSync(junk, 'utf8')).toBe('not a key\n');
  });

  it('says so when the key file is not the one the secrets were sealed with', async () => {
    const dir = makeTempDir('pooler-keyfile');
    cleanups.push(dir.remove);
    const keyFile = join(dir.path, 'data.key');
    const t = await keyFileCore(keyFile);
    await (await secretsFor(t, { kind: 'file', path: keyFile })).put('smtp.password', 'x');
    writeFileSync(keyFile, `${Buffer.alloc(32, 9).toString('base64')}\n`, { mode: 0o600 });
    const again = await t.restart();
    cleanups.push(() => again.dispose());
    const { keychain } = await again.call('app.status', {});
    expect(keychain).toMatchObject({ available: false, store: 'file' });
    expect(keychain.reason).toContain(`The data key in ${keyFile} is not the one`);
  });
});

describe('without a keychain', () => {
  it('says so plainly, refuses every secret operation with keychain_unavailable, and never falls back', () => {
    const dir = makeTempDir('pooler-nokeychain');
    cleanups.push(dir.remove);
    const service = testKeychainService();
    cleanups.push(() => deleteKeychainKey(service));
    // A child process whose session bus points nowhere: the real library, no Secret Service.
    // Two attempts in one process, because the library's silent fallback shows on the second.
    const script = `
      const { createCore } = await import(${JSON.stringify(join(import.meta.dirname, '../../../../electron/core/index.ts'))});
      const { createSecrets } = await import(${JSON.stringify(join(import.meta.dirname, '../../../../electron/core/secrets/secrets.ts'))});
      const { openDatabase } = await import(${JSON.stringify(join(import.meta.dirname, '../../../../electron/core/db/open-database.ts'))});
      const { sqliteDatabase } = await import(${JSON.stringify(join(import.meta.dirname, '../../../../electron/core/db/sql/sqlite-database.ts'))});
      const { createLogger } = await import(${JSON.stringify(join(import.meta.dirname, '../../../../electron/core/log/logger.ts'))});
      const dataDir = ${JSON.stringify(dir.path)};
      const service = ${JSON.stringify(service)};
      const out = [];
      for (const attempt of [1, 2]) {
        const core = await createCore({ dataDir, version: 't', env: { POOLER_KEYCHAIN_SERVICE: service } });
        const { keychain } = (await core.dispatch('app.status', {})).data;
        const smtp = await core.dispatch('smtp.update', {
          enabled: true, host: 'smtp.example.com', port: 587, security: 'starttls', username: 'mailer',
          password: { action: 'replace', value: 'plain-marker' }, fromAddress: 'console@example.com', fromName: 'Pooler Console',
          allowUntrustedCertificates: false, timeoutSeconds: 15,
        });
        const smtpAfter = (await core.dispatch('smtp.get', {})).data;
        await core.close();
        const sqlite = openDatabase(dataDir + '/pooler.db');
        const db = sqliteDatabase(sqlite);
        const secrets = await createSecrets(db, { kind: 'keychain', service }, Date.now, createLogger(dataDir).logger);
        let putError = null;
        try { await secrets.put('smtp.password', 'plain-marker'); } catch (err) { putError = err.code; }
        await db.close();
        sqlite.close();
        out.push({ ...keychain, putError, smtpError: smtp.ok ? null : smtp.error.code, smtpEnabled: smtpAfter.enabled });
      }
      console.log(JSON.stringify(out));
    `;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' },
      encoding: 'utf8',
    });
    const statuses = JSON.parse(output.trim().split('\n').at(-1)!) as {
      available: boolean;
      reason: string;
      putError: string;
      smtpError: string;
      smtpEnabled: boolean;
    }[];
    expect(statuses).toHaveLength(2);
    for (const status of statuses) {
      expect(status.available).toBe(false);
      expect(status.putError).toBe('keychain_unavailable');
      expect(status.smtpError).toBe('keychain_unavailable');
      expect(status.smtpEnabled).toBe(false);
      expect(status.reason).toMatch(/keychain is unavailable/);
      expect(status.reason).toMatch(/disabled until it is available/);
    }
    const db = new Database(join(dir.path, DATABASE_FILE), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM secrets').get()).toEqual({ n: 0 });
    db.close();
  });
});
