import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openConsoleListener } from '../../../electron/host/console-listener';
import { startConsoleServer } from '../../../electron/host/console-server';
import { openEventStream, type OpenStream } from '../../support/event-stream-client';
import { RENDERER_DIR, startOnboardingHarness, type OnboardingHarness } from '../../support/onboarding-harness';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

const TIMEOUTS = { headersMs: 500, requestMs: 1_000, idleMs: 2_000 };

/** A client that sends half a request and then nothing: it holds a socket until cut off. */
function slowClient(port: number, path: string): Promise<{ socket: Socket; closed: Promise<string> }> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
      resolve({ socket, closed: new Promise((done) => socket.on('close', () => done(answer))) });
    });
    socket.on('error', reject);
    // Reading what the server answers also lets its closing the socket be seen.
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
  });
}

async function withConsole() {
  const h: OnboardingHarness = await startOnboardingHarness({
    limits: { maxConnections: 40, streams: { perClient: 4, perInvite: 8, total: 16 }, timeouts: TIMEOUTS },
  });
  cleanups.push(() => h.dispose());
  const server = await startConsoleServer({
    core: h.t.core,
    listener: await openConsoleListener({ port: 0, timeouts: TIMEOUTS, rendererDir: RENDERER_DIR }),
  });
  cleanups.push(() => server.close());
  const link = new URL(server.newLink());
  const signedIn = await fetch(`${server.origin}/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: link.searchParams.get('token') }),
  });
  const { session } = ((await signedIn.json()) as { data: { session: string } }).data;
  const rpc = () =>
    fetch(`${server.origin}/rpc/pools.list`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${session}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
  return { h, rpc, consolePort: Number(new URL(server.origin).port) };
}

describe('a flooded onboarding listener', () => {
  it('holds a bounded number of sockets, lets half-sent requests give way to real visitors, and never starves the console', async () => {
    const { h, rpc, consolePort } = await withConsole();
    const issued = await h.invite('bob@example.com');
    const port = Number(new URL(await h.t.publicUrl()).port);
    const path = new URL(issued.url).pathname;

    const streams: OpenStream[] = [];
    for (let i = 0; i < 12; i++) streams.push(await openEventStream(`${issued.url}/events`));
    cleanups.push(() => streams.forEach((s) => s.close()));
    expect(streams.filter((s) => s.status === 200)).toHaveLength(4);

    // Three times the listener's socket limit, each sending half a request and then nothing.
    const flood = await Promise.all(Array.from({ length: 120 }, () => slowClient(port, path)));
    cleanups.push(() => flood.forEach((c) => c.socket.destroy()));
    const console_ = await rpc();
    expect(console_.status).toBe(200);
    expect(await console_.json()).toMatchObject({ ok: true });
    // A visitor is answered at once, long before the header deadline would free a socket.
    const page = await fetch(issued.url);
    expect(page.status).toBe(200);

    // Whatever is left of the flood is cut off at the header deadline, with a 408 that echoes nothing.
    const answers = await Promise.all(flood.map((c) => c.closed));
    expect(answers.filter((a) => a.startsWith('HTTP/1.1 408')).length).toBeGreaterThan(0);
    for (const answer of answers) expect(answer).not.toContain(path);
    // The open event streams were never evicted to make room.
    expect(streams.filter((s) => s.status === 200).every((s) => s.events.length > 0)).toBe(true);

    // The console's own listener gives half-sent requests way to its operator the same way.
    const consoleFlood = await Promise.all(
      Array.from({ length: 300 }, () => slowClient(consolePort, '/rpc/pools.list')),
    );
    cleanups.push(() => consoleFlood.forEach((c) => c.socket.destroy()));
    expect((await rpc()).status).toBe(200);
  });
});
