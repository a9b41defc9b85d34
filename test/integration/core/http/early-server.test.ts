import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createEarlyServer, listenOn, type EarlyServer } from '../../../../electron/core/http/early-server';

const HEADERS = { 'X-Listener': 'early' };
const TIMEOUTS = { headersMs: 500, requestMs: 1_000, idleMs: 2_000 };

let early: EarlyServer | undefined;
afterEach(() => early?.close());

/** An early server on a free port that answers /now itself; `waits` counts the requests held. */
async function open() {
  const counts = { waits: 0 };
  early = createEarlyServer({
    headers: HEADERS,
    timeouts: TIMEOUTS,
    maxConnections: 16,
    answer(req, res) {
      if (req.url !== '/now') return false;
      res.end('answered early');
      return true;
    },
    onWait: () => counts.waits++,
  });
  const port = await listenOn(early.server, { host: '127.0.0.1', port: 0 });
  return { base: `http://127.0.0.1:${port}`, port, counts };
}

/** Resolves once `n` requests in all have reached the server. */
function arrivals(n: number): Promise<void> {
  let seen = 0;
  return new Promise((resolve) => early!.server.on('request', () => ++seen === n && resolve()));
}

/** What the listener answers to bytes that are not HTTP. */
function malformed(port: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('NOT A REQUEST\r\n\r\n'));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('a listener open before its app', () => {
  it('answers what needs no app at once and holds the rest, saying each time one waits', async () => {
    const { base, counts } = await open();
    const arrived = arrivals(2);
    const held = fetch(`${base}/later`).then((r) => r.text());
    expect(await (await fetch(`${base}/now`)).text()).toBe('answered early');
    await arrived;
    expect(counts.waits).toBe(1);
    early!.adopt((req, res) => res.end(`app saw ${req.url}`));
    early!.open();
    expect(await held).toBe('app saw /later');
    // Open, it no longer holds anything.
    expect(await (await fetch(`${base}/after`)).text()).toBe('app saw /after');
    expect(counts.waits).toBe(1);
  });

  it('answers the waiting requests when the app cannot be made, and holds the next ones again', async () => {
    const { base, counts } = await open();
    const firstArrived = arrivals(1);
    const refused = fetch(`${base}/first`);
    await firstArrived;
    early!.refuse((_req, res) => res.writeHead(503).end('not available'));
    const answer = await refused;
    expect(answer.status).toBe(503);
    expect(await answer.text()).toBe('not available');
    const nextArrived = arrivals(1);
    const next = fetch(`${base}/second`).then((r) => r.text());
    await nextArrived;
    expect(counts.waits).toBe(2);
    early!.adopt((req, res) => res.end(`app saw ${req.url}`));
    early!.open();
    expect(await next).toBe('app saw /second');
  });

  it('answers a malformed request with its own headers before any app is there', async () => {
    const { port } = await open();
    const answer = await malformed(port);
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toContain('X-Listener: early');
  });

  it('hands over to a plain handler at once, held requests first, and still answers malformed ones itself', async () => {
    const { base, port } = await open();
    const arrived = arrivals(1);
    const held = fetch(`${base}/later`).then((r) => r.text());
    await arrived;
    early!.serve((req, res) => res.end(`handler saw ${req.url}`));
    expect(await held).toBe('handler saw /later');
    expect(await (await fetch(`${base}/after`)).text()).toBe('handler saw /after');
    // A plain handler has no framework to answer what Node's parser refuses: the listener does.
    const answer = await malformed(port);
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toContain('X-Listener: early');
  });

  it('cuts the requests it holds when closed', async () => {
    const { base } = await open();
    const arrived = arrivals(1);
    const held = fetch(`${base}/never`);
    await arrived;
    await early!.close();
    early = undefined;
    await expect(held).rejects.toThrow();
  });
});
