import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { httpsRequest } from '../../support/https-client';
import { certificateFor } from '../../support/test-certificate';
import { SERVE_ENTRY, serverEnv, startServer, stopServer } from '../../support/serve-process';

const cleanups: (() => unknown)[] = [];
const cleanup = (fn: () => unknown) => void cleanups.push(fn);
afterEach(async () => {
  for (const fn of cleanups.splice(0)) await fn();
});

beforeAll(() => {
  expect(existsSync(SERVE_ENTRY), 'the built server is missing: run `npm run build` first').toBe(true);
});

describe('npm run serve', () => {
  it('serves HTTPS from POOLER_TLS_CERT/KEY: healthy, ready, JSON logs on stdout, a new 0600 key file', async () => {
    const pems = await certificateFor('127.0.0.1');
    const { dir, env } = serverEnv(cleanup);
    writeFileSync(join(dir, 'cert.pem'), pems.cert);
    writeFileSync(join(dir, 'key.pem'), pems.key, { mode: 0o600 });
    const server = await startServer(
      { ...env, POOLER_TLS_CERT: join(dir, 'cert.pem'), POOLER_TLS_KEY: join(dir, 'key.pem') },
      cleanup,
    );
    const origin = server.ready.server as string;
    expect(origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(server.ready.inviteLinks).toMatch(/^127\.0\.0\.1:\d+$/);
    const health = await httpsRequest(`${origin}/healthz`, { ca: pems.cert });
    expect(health).toMatchObject({ status: 200 });
    expect(health.json()).toEqual({ status: 'ok' });
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.headers['cache-control']).toBe('no-store');
    const ready = await httpsRequest(`${origin}/readyz`, { ca: pems.cert });
    expect([ready.status, ready.json()]).toEqual([200, { status: 'ready' }]);
    // Not trusted without the CA: nothing is served in the clear or unverified.
    await expect(httpsRequest(`${origin}/healthz`, {})).rejects.toThrow(/self-signed|unable to verify|certificate/i);

    const keyFile = env.POOLER_DATA_KEY_FILE;
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, 'utf8').trim();
    const lines = server.lines();
    expect(lines.find((l) => l.msg.startsWith('created a new data key file'))).toMatchObject({ path: keyFile });
    expect(server.stdout()).not.toContain(key);

    await stopServer(server.child);
    expect(server.child.exitCode).toBe(0);
    expect(server.lines().at(-1)).toMatchObject({ msg: 'server stopping', signal: 'SIGTERM' });
  });

  it('says it is not ready while invite links cannot be served, and why', async () => {
    const taken: Server = createServer();
    taken.listen(0, '127.0.0.1');
    await once(taken, 'listening');
    cleanups.push(() => taken.close());
    const { port } = taken.address() as { port: number };
    const { env } = serverEnv(cleanup, { POOLER_ONBOARDING_PORT: String(port) });
    const server = await startServer(env, cleanup);
    expect(server.ready.inviteLinks).toBeNull();
    const origin = server.ready.server as string;
    const ready = await fetch(`${origin}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'not_ready', reasons: ['invite links are not served'] });
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
  });

  it('answers unknown paths and malformed requests plainly, with its headers, and echoes nothing', async () => {
    const { env } = serverEnv(cleanup);
    const server = await startServer(env, cleanup);
    const origin = server.ready.server as string;
    // Unknown: 404. A NUL byte in a path the console's files are served under: refused outright.
    for (const [path, status] of [
      ['/nothing-here?token=secret-marker', 404],
      ['/healthz/../readyz%00secret-marker', 403],
    ] as const) {
      const response = await fetch(`${origin}${path}`);
      expect(response.status, path).toBe(status);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(await response.text()).not.toContain('secret-marker');
    }
    const posted = await fetch(`${origin}/healthz`, { method: 'POST' });
    expect(posted.status).toBe(404);
    const { port } = new URL(origin);
    const raw = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('NOT HTTP secret-marker\r\n\r\n'));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('close', () => resolve(answer));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(raw).toContain('X-Content-Type-Options: nosniff');
    expect(raw).not.toContain('secret-marker');
  });

  it.each([
    [{ POOLER_SERVER_PORT: 'https' }, 'POOLER_SERVER_PORT must be a port number from 0 to 65535, got "https".'],
    [
      { POOLER_TLS_CERT: '/nowhere/cert.pem' },
      'POOLER_TLS_CERT and POOLER_TLS_KEY go together: set both to serve HTTPS, or neither behind a reverse proxy.',
    ],
    [
      { POOLER_SERVER_URL: 'ftp://console.example.com' },
      'POOLER_SERVER_URL must be the http(s) address operators open, like https://pooler.example.com, got "ftp://console.example.com".',
    ],
    [
      { POOLER_TLS_CERT: '/nowhere/cert.pem', POOLER_TLS_KEY: '/nowhere/key.pem' },
      'POOLER_TLS_CERT names /nowhere/cert.pem, which cannot be read (ENOENT).',
    ],
  ])('refuses %j in one line, creating nothing', (extra, message) => {
    const { dir, env } = serverEnv(cleanup, extra);
    const result = spawnSync(process.execPath, [SERVE_ENTRY], { env, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(`Pooler server could not start: ${message}`);
    expect(existsSync(join(dir, 'data'))).toBe(false);
    expect(existsSync(join(dir, 'data.key'))).toBe(false);
  });
});
