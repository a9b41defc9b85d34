import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { certificateFor } from '../../support/test-certificate';

const SERVE_ENTRY = join(import.meta.dirname, '../../../out/main/serve.js');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0)) await fn();
});

beforeAll(() => {
  expect(existsSync(SERVE_ENTRY), 'the built server is missing: run `npm run build` first').toBe(true);
});

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A server on a fresh data folder with a key file (no keychain: the session bus is cut off). */
function serverEnv(extra: NodeJS.ProcessEnv = {}) {
  const dir = makeTempDir('pooler-serve');
  cleanups.push(dir.remove);
  return {
    dir: dir.path,
    env: {
      ...process.env,
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus',
      POOLER_DATA_DIR: join(dir.path, 'data'),
      POOLER_DATA_KEY_FILE: join(dir.path, 'data.key'),
      POOLER_SERVER_PORT: '0',
      POOLER_ONBOARDING_PORT: '0',
      ...extra,
    },
  };
}

/** Starts `serve.js` and resolves once it logged `server ready`, with its parsed log lines so far. */
async function startServer(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [SERVE_ENTRY], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(() => stop(child));
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = () =>
    stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as LogLine);
  const ready = await new Promise<LogLine>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const line = lines().find((l) => l.msg === 'server started');
      if (line) resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stdout}${stderr}`)));
  });
  return { child, ready, lines, stdout: () => stdout };
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

function getJson(
  url: string,
  ca?: string,
): Promise<{ status: number; body: unknown; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, method: 'GET' }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('npm run serve', () => {
  it('serves HTTPS from POOLER_TLS_CERT/KEY: healthy, ready, JSON logs on stdout, a new 0600 key file', async () => {
    const pems = await certificateFor('127.0.0.1');
    const { dir, env } = serverEnv();
    writeFileSync(join(dir, 'cert.pem'), pems.cert);
    writeFileSync(join(dir, 'key.pem'), pems.key, { mode: 0o600 });
    const server = await startServer({
      ...env,
      POOLER_TLS_CERT: join(dir, 'cert.pem'),
      POOLER_TLS_KEY: join(dir, 'key.pem'),
    });
    const origin = server.ready.server as string;
    expect(origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(server.ready.inviteLinks).toMatch(/^127\.0\.0\.1:\d+$/);
    const health = await getJson(`${origin}/healthz`, pems.cert);
    expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.headers['cache-control']).toBe('no-store');
    expect(await getJson(`${origin}/readyz`, pems.cert)).toMatchObject({ status: 200, body: { status: 'ready' } });
    // Not trusted without the CA: nothing is served in the clear or unverified.
    await expect(getJson(`${origin}/healthz`)).rejects.toThrow(/self-signed|unable to verify|certificate/i);

    const keyFile = env.POOLER_DATA_KEY_FILE;
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, 'utf8').trim();
    const lines = server.lines();
    expect(lines.find((l) => l.msg.startsWith('created a new data key file'))).toMatchObject({ path: keyFile });
    expect(server.stdout()).not.toContain(key);

    await stop(server.child);
    expect(server.child.exitCode).toBe(0);
    expect(server.lines().at(-1)).toMatchObject({ msg: 'server stopping', signal: 'SIGTERM' });
  });

  it('says it is not ready while invite links cannot be served, and why', async () => {
    const taken: Server = createServer();
    taken.listen(0, '127.0.0.1');
    await once(taken, 'listening');
    cleanups.push(() => taken.close());
    const { port } = taken.address() as { port: number };
    const { env } = serverEnv({ POOLER_ONBOARDING_PORT: String(port) });
    const server = await startServer(env);
    expect(server.ready.inviteLinks).toBeNull();
    const origin = server.ready.server as string;
    const ready = await fetch(`${origin}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'not_ready', reasons: ['invite links are not served'] });
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
  });

  it.each([
    [{ POOLER_SERVER_PORT: 'https' }, 'POOLER_SERVER_PORT must be a port number from 0 to 65535, got "https".'],
    [
      { POOLER_TLS_CERT: '/nowhere/cert.pem' },
      'POOLER_TLS_CERT and POOLER_TLS_KEY go together: set both to serve HTTPS, or neither behind a reverse proxy.',
    ],
    [
      { POOLER_TLS_CERT: '/nowhere/cert.pem', POOLER_TLS_KEY: '/nowhere/key.pem' },
      'POOLER_TLS_CERT names /nowhere/cert.pem, which cannot be read (ENOENT).',
    ],
  ])('refuses %j in one line, creating nothing', (extra, message) => {
    const { dir, env } = serverEnv(extra);
    const result = spawnSync(process.execPath, [SERVE_ENTRY], { env, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(`Pooler server could not start: ${message}`);
    expect(existsSync(join(dir, 'data'))).toBe(false);
    expect(existsSync(join(dir, 'data.key'))).toBe(false);
  });
});
