import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openConsoleListener, type ConsoleListener } from '../../../electron/host/console-listener';

const TIMEOUTS = { headersMs: 500, requestMs: 1_000, idleMs: 2_000 };

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
    listener = await openConsoleListener(0, TIMEOUTS);
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
    listener.adopt((req, res) => res.end(`app saw ${req.url}`));
    expect(answered).toBe(false);
    listener.open();
    expect(await early).toBe('app saw /first');
    expect(await later).toBe('app saw /second');
  });

  it('answers a malformed request plainly, with the console’s security headers, before any app is there', async () => {
    listener = await openConsoleListener(0, TIMEOUTS);
    const answer = await raw(listener.origin, 'NOT HTTP AT ALL\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toContain("Content-Security-Policy: default-src 'none'");
    expect(answer).toContain('X-Frame-Options: DENY');
  });

  it('cuts off a client that never finishes its headers', async () => {
    listener = await openConsoleListener(0, TIMEOUTS);
    const started = performance.now();
    const answer = await raw(listener.origin, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(performance.now() - started).toBeLessThan(TIMEOUTS.headersMs * 4 + 1_000);
  });

  it('refuses to open on a port already taken, with the system’s code', async () => {
    listener = await openConsoleListener(0, TIMEOUTS);
    const port = Number(new URL(listener.origin).port);
    await expect(openConsoleListener(port, TIMEOUTS)).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
