import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openConsoleListener as open, type ConsoleListener } from '../../../electron/host/console-listener';
import { makeTempDir } from '../../support/temp-dir';

const TIMEOUTS = { headersMs: 500, requestMs: 1_000, idleMs: 2_000 };
const PAGE = '<!doctype html><title>Pooler</title><script type="module" src="./assets/index-abc123.js"></script>';
const SCRIPT = 'console.log("the bundle")';

const rendererDir = makeTempDir('pooler-renderer');
mkdirSync(join(rendererDir.path, 'assets'));
writeFileSync(join(rendererDir.path, 'index.html'), PAGE);
writeFileSync(join(rendererDir.path, 'assets', 'index-abc123.js'), SCRIPT);
writeFileSync(join(rendererDir.path, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
afterAll(() => rendererDir.remove());

const openConsoleListener = (port: number) => open({ port, timeouts: TIMEOUTS, rendererDir: rendererDir.path });

let listener: ConsoleListener | undefined;
afterEach(() => listener?.close());

/** Writes raw bytes to the listener and resolves with everything it answers until it hangs up. */
function raw(origin: string, bytes: string): Promise<string> {
  const { port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('the browser console listener, open before the core', () => {
  it('holds what the browser asks until the app serves it, then answers in order', async () => {
    listener = await openConsoleListener(0);
    expect(listener.newLink()).toMatch(new RegExp(`^${listener.origin}/\\?token=[\\w-]{43}$`));
    let arrivals = 0;
    const bothArrived = new Promise<void>((resolve) =>
      listener!.server.on('request', () => ++arrivals === 2 && resolve()),
    );
    const early = fetch(`${listener.origin}/first`).then((r) => r.text());
    const later = fetch(`${listener.origin}/second`).then((r) => r.text());
    let answered = false;
    void early.then(() => (answered = true));
    // Both requests have reached the server, and neither is answered while no app serves.
    await bothArrived;
    expect(answered).toBe(false);
    listener.serve((req, res) => res.end(`app saw ${req.url}`));
    expect(await early).toBe('app saw /first');
    expect(await later).toBe('app saw /second');
  });

  it('serves the page and its assets, and signs a tab in, while no app serves yet (the core is loading)', async () => {
    listener = await openConsoleListener(0);
    const page = await fetch(`${listener.origin}/?token=whatever`);
    expect([page.status, await page.text()]).toEqual([200, PAGE]);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const script = await fetch(`${listener.origin}/assets/index-abc123.js`);
    expect([script.status, await script.text()]).toEqual([200, SCRIPT]);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    const icon = await fetch(`${listener.origin}/favicon.svg`, { method: 'HEAD' });
    expect([icon.status, icon.headers.get('cache-control'), await icon.text()]).toEqual([200, 'no-cache', '']);
    const link = new URL(listener.newLink());
    const signIn = (body: string, contentType = 'application/json') =>
      fetch(`${listener!.origin}/session`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
    const signedIn = await signIn(JSON.stringify({ token: link.searchParams.get('token') }));
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('cache-control')).toBe('no-store');
    const { data } = (await signedIn.json()) as { data: { session: string } };
    expect(listener.sessions.isSession(data.session)).toBe(true);
    // Spent, unknown, or not a token at all: a typed refusal each, and nobody signed in.
    for (const [body, contentType, status, code] of [
      [JSON.stringify({ token: link.searchParams.get('token') }), 'application/json', 401, 'unauthorized'],
      [JSON.stringify({ token: 'x'.repeat(43) }), 'application/json', 401, 'unauthorized'],
      [JSON.stringify(null), 'application/json', 401, 'unauthorized'],
      ['{"token":', 'application/json', 400, 'validation_failed'],
      [`token=${link.searchParams.get('token')}`, 'text/plain', 415, 'validation_failed'],
      [JSON.stringify({ token: 'x'.repeat(5_000) }), 'application/json', 413, 'validation_failed'],
    ] as const) {
      const refused = await signIn(body, contentType);
      expect(refused.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
      expect(refused.headers.get('cache-control')).toBe('no-store');
      expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([
        status,
        code,
      ]);
    }
  });

  it('leaves everything but the page, its files and sign-in to the app: unknown paths and /index.html wait for it', async () => {
    listener = await openConsoleListener(0);
    const answers: string[] = [];
    const asked = ['/index.html', '/assets%2Findex-abc123.js', '/assets/nope.js', '/rpc/pools.list'].map((path) =>
      fetch(`${listener!.origin}${path}`).then(async (r) => answers.push(`${path} ${r.status} ${await r.text()}`)),
    );
    const page = await fetch(`${listener.origin}/`);
    expect(page.status).toBe(200);
    expect(answers).toEqual([]);
    listener.serve((req, res) => res.writeHead(404).end(`app saw ${req.url}`));
    await Promise.all(asked);
    expect(answers.sort()).toEqual([
      '/assets%2Findex-abc123.js 404 app saw /assets%2Findex-abc123.js',
      '/assets/nope.js 404 app saw /assets/nope.js',
      '/index.html 404 app saw /index.html',
      '/rpc/pools.list 404 app saw /rpc/pools.list',
    ]);
  });

  it('refuses a foreign Host header (DNS rebinding) before anything else, app or not', async () => {
    listener = await openConsoleListener(0);
    for (const request of ['GET / HTTP/1.1', 'POST /session HTTP/1.1', 'GET /rpc/pools.list HTTP/1.1']) {
      const answer = await raw(listener.origin, `${request}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`);
      expect(answer).toMatch(/^HTTP\/1\.1 421 /);
      expect(answer).toContain('Content-Security-Policy:');
      expect(answer).toContain('\r\n\r\n13\r\nMisdirected request\r\n');
    }
  });

  it('answers a malformed request plainly, with the console’s security headers, before any app is there', async () => {
    listener = await openConsoleListener(0);
    const answer = await raw(listener.origin, 'NOT HTTP AT ALL\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toContain("Content-Security-Policy: default-src 'none'");
    expect(answer).toContain('X-Frame-Options: DENY');
  });

  it('cuts off a client that never finishes its headers', async () => {
    listener = await openConsoleListener(0);
    const started = performance.now();
    const answer = await raw(listener.origin, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(performance.now() - started).toBeLessThan(TIMEOUTS.headersMs * 4 + 1_000);
  });

  it('refuses to open on a port already taken, with the system’s code', async () => {
    listener = await openConsoleListener(0);
    const port = Number(new URL(listener.origin).port);
    await expect(openConsoleListener(port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
