import { createServer, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { guardConnections } from '../../../../electron/core/http/connection-guard';
import { listenOn } from '../../../../electron/core/http/early-server';
import { until } from '../../../support/until';

const cleanups: (() => unknown)[] = [];
afterEach(() => {
  for (const fn of cleanups.splice(0).reverse()) fn();
});

/**
 * A guarded server with no deadlines, so a socket it closes was closed by the guard. `/hold` is
 * never answered (a busy socket); anything else is answered at once and kept alive.
 */
async function guarded(max: number) {
  const held: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    if (req.url === '/hold') held.push(res);
    else res.end('ok');
  });
  server.headersTimeout = 0;
  server.requestTimeout = 0;
  server.keepAliveTimeout = 0;
  guardConnections(server, max);
  let closed = 0;
  server.on('connection', (socket: Socket) => socket.on('close', () => closed++));
  const port = await listenOn(server, { host: '127.0.0.1', port: 0 });
  cleanups.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return {
    port,
    arrived: () => held.length,
    /** Resolves once the server has seen `n` sockets close (after the guard let them go). */
    serverClosed: (n: number) => until(() => closed >= n, `${n} sockets closed on the server`),
  };
}

interface Client {
  name: string;
  socket: Socket;
  /** Resolves with the client's name when the server has closed it. */
  closed: Promise<string>;
  /** Resolves with what the server answered once it has answered. */
  answered: Promise<string>;
}

/** Connects and sends `head` (a whole request, or half of one), resolving once connected. */
function client(port: number, name: string, head: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    let text = '';
    let answer: (t: string) => void;
    const answered = new Promise<string>((done) => (answer = done));
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(head);
      resolve({ name, socket, closed: new Promise((done) => socket.on('close', () => done(name))), answered });
    });
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.endsWith('ok')) answer(text);
    });
    socket.on('error', reject);
    cleanups.push(() => socket.destroy());
  });
}

const HALF = 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n';
const WHOLE = 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
const HOLD = 'GET /hold HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';

/** The first of these clients the server closes. */
const firstClosed = (clients: Client[]) => Promise.race(clients.map((c) => c.closed));

describe('the connection guard', () => {
  it('makes room for a newcomer by closing the socket that has waited longest, one per newcomer', async () => {
    const { port } = await guarded(3);
    const a = await client(port, 'a', HALF);
    const b = await client(port, 'b', HALF);
    const c = await client(port, 'c', HALF);
    const d = await client(port, 'd', HALF);
    expect(await firstClosed([a, b, c, d])).toBe('a');
    const e = await client(port, 'e', HALF);
    expect(await firstClosed([b, c, d, e])).toBe('b');
  });

  it('puts an answered keep-alive socket back at the end of the queue', async () => {
    const { port } = await guarded(3);
    const a = await client(port, 'a', HALF);
    const b = await client(port, 'b', HALF);
    const c = await client(port, 'c', HALF);
    // b finishes its request after c connected: answered, it is now the newest waiting socket.
    b.socket.write('\r\n');
    expect(await b.answered).toContain('200 OK');
    const d = await client(port, 'd', HALF);
    expect(await firstClosed([a, b, c, d])).toBe('a');
    const e = await client(port, 'e', HALF);
    expect(await firstClosed([b, c, d, e])).toBe('c');
    const f = await client(port, 'f', HALF);
    expect(await firstClosed([b, d, e, f])).toBe('b');
  });

  it('never closes a socket inside a request, and refuses the newcomer when every socket is busy', async () => {
    const { port, arrived } = await guarded(2);
    const a = await client(port, 'a', HOLD);
    const b = await client(port, 'b', HOLD);
    await until(() => arrived() === 2, 'both requests at the server');
    const c = await client(port, 'c', WHOLE);
    expect(await firstClosed([a, b, c])).toBe('c');
  });

  it('frees the place of a socket its client closed in the middle of a request', async () => {
    const { port, arrived, serverClosed } = await guarded(1);
    const a = await client(port, 'a', HOLD);
    await until(() => arrived() === 1, 'the request at the server');
    a.socket.destroy();
    await serverClosed(1);
    // With a's place still taken, b would find every socket busy and be refused.
    const b = await client(port, 'b', WHOLE);
    expect(await Promise.race([b.answered, b.closed.then(() => 'refused')])).toContain('200 OK');
  });
});
