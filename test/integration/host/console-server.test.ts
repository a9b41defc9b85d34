import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsoleListener } from '../../../electron/host/console-listener';
import { startConsoleServer, type ConsoleServer } from '../../../electron/host/console-server';
import { defaultAccount } from '../../fakes/openai/accounts';
import { accessToken, idToken } from '../../fakes/openai/jwt';
import { badInputs } from '../../support/bad-inputs';
import { snapshotDatabase } from '../../support/db-snapshot';
import { trickleRequest } from '../../support/trickle-request';
import { makeTempDir } from '../../support/temp-dir';
import { startTestCore, type TestCore } from '../../support/test-core';
import { authJsonFor } from '../../support/upstream-harness';
import { EVENTS_EMITTED_HEADER, RPC_BATCH_MAX, type Result } from '../../../shared/contract';

let t: TestCore;
let server: ConsoleServer;
let session: string;
const rendererDir = makeTempDir('pooler-renderer');
const TIMEOUTS = { headersMs: 500, requestMs: 1_000, idleMs: 2_000 };

/** Trades a link's token for a session, as the page does. */
async function signIn(link: string) {
  const token = new URL(link).searchParams.get('token');
  return fetch(`${server.origin}/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  });
}

beforeAll(async () => {
  mkdirSync(join(rendererDir.path, 'assets'));
  writeFileSync(
    join(rendererDir.path, 'index.html'),
    '<!doctype html><html><head><title>Pooler</title></head><body></body></html>',
  );
  writeFileSync(join(rendererDir.path, 'assets', 'app.js'), 'console.log("app")');
  t = await startTestCore();
  server = await startConsoleServer({
    core: t.core,
    listener: await openConsoleListener({ port: 0, timeouts: TIMEOUTS, rendererDir: rendererDir.path }),
  });
  session = ((await (await signIn(server.newLink())).json()) as { data: { session: string } }).data.session;
});

afterAll(async () => {
  await server.close();
  await t.dispose();
  rendererDir.remove();
});

const bearer = () => ({ Authorization: `Bearer ${session}` });
const json = { 'Content-Type': 'application/json' };

function rpc(channel: string, body: unknown, headers: Record<string, string> = bearer()) {
  return fetch(`${server.origin}/rpc/${channel}`, {
    method: 'POST',
    headers: { ...json, ...headers },
    body: JSON.stringify(body),
  });
}

/** Several calls in one request, as the page's first reads go. */
function batch(body: unknown) {
  return fetch(`${server.origin}/rpc`, {
    method: 'POST',
    headers: { ...json, ...bearer() },
    body: JSON.stringify(body),
  });
}

/** A raw HTTP exchange, for what fetch will not send (a foreign Host, a malformed path). */
function raw(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request(`${server.origin}${path}`, { headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser console server', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(new URL(server.origin).hostname).toBe('127.0.0.1');
  });

  it('serves the page and its assets to anyone, with safe headers: they hold nothing secret', async () => {
    const page = await fetch(`${server.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).not.toMatch(/token|session/i);
    const asset = await fetch(`${server.origin}/assets/app.js`);
    expect(asset.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect((await fetch(`${server.origin}/index.html`)).status).toBe(404);
  });

  it('never sets a cookie: nothing a browser sends to another port on this host can grant anything', async () => {
    const link = server.newLink();
    const responses = [
      await fetch(link),
      await signIn(link),
      await rpc('pools.list', {}),
      await fetch(`${server.origin}/assets/app.js`),
      await fetch(`${server.origin}/session/link`, { method: 'POST', headers: bearer() }),
    ];
    for (const response of responses) expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('signs a browser in once per link; the link is not itself a key to anything', async () => {
    const link = server.newLink();
    const token = new URL(link).searchParams.get('token') ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The link's token opens nothing by itself.
    expect((await rpc('pools.list', {}, { Authorization: `Bearer ${token}` })).status).toBe(401);
    const first = await signIn(link);
    expect(first.status).toBe(200);
    const { data } = (await first.json()) as { data: { session: string } };
    expect(data.session).not.toBe(token);
    expect((await rpc('pools.list', {}, { Authorization: `Bearer ${data.session}` })).status).toBe(200);
    // Used once: the same link (from a history entry, say) signs nobody else in.
    const again = await signIn(link);
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await signIn(`${server.origin}/?token=${'x'.repeat(43)}`)).status).toBe(401);
  });

  it('answers 401 to calls, events and new links without a session bearer, whatever else is sent', async () => {
    const cookie = { Cookie: `pooler_console_${new URL(server.origin).port}=${session}` };
    for (const headers of <Record<string, string>[]>[
      {},
      cookie,
      { Authorization: `Bearer ${session.slice(1)}` },
      { Authorization: 'Basic abc' },
    ]) {
      expect((await rpc('pools.list', {}, headers)).status).toBe(401);
      expect((await fetch(`${server.origin}/events`, { headers })).status).toBe(401);
      expect((await fetch(`${server.origin}/session/link`, { method: 'POST', headers })).status).toBe(401);
    }
    const body = await (await rpc('pools.list', {}, {})).json();
    expect(body).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('asks for the session on the route, whatever the address adds to it', async () => {
    // The same routes, reached by addresses that are not literally theirs.
    for (const path of [
      '/session/link?x=1',
      '/session/link?',
      '/rpc/pools.list?x=1',
      '/rpc',
      '/rpc?x=1',
      '/events?x=1',
    ]) {
      const response = await fetch(`${server.origin}${path}`, {
        method: path.startsWith('/events') ? 'GET' : 'POST',
        headers: json,
        ...(path.startsWith('/events') ? {} : { body: path.startsWith('/rpc?') || path === '/rpc' ? '[]' : '{}' }),
      });
      expect(response.status, path).toBe(401);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
  });

  it('makes another one-time link for a signed-in session (for another browser)', async () => {
    const response = await fetch(`${server.origin}/session/link`, { method: 'POST', headers: bearer() });
    const { data } = (await response.json()) as { data: { url: string } };
    expect(data.url).toMatch(new RegExp(`^${server.origin}/\\?token=[A-Za-z0-9_-]{43}$`));
    expect((await signIn(data.url)).status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const answer = await raw('/', { Host: 'evil.example' });
    expect(answer.status).toBe(421);
    expect(answer.headers['content-security-policy']).toBeDefined();
  });

  it('answers a malformed path with its security headers and without echoing it', async () => {
    const answer = await raw('/rpc/%E0%A4%A');
    expect(answer.status).toBe(400);
    expect(answer.headers['content-security-policy']).toContain("default-src 'none'");
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.body).not.toContain('%E0');
    const unknown = await raw('/nope/secret-looking-path');
    expect(unknown.status).toBe(404);
    expect(unknown.body).not.toContain('secret-looking-path');
    expect(unknown.headers['referrer-policy']).toBe('no-referrer');
    // A route asked with another method, or with nothing after its slash, is no route.
    for (const [path, method] of [
      ['/rpc/pools.list', 'GET'],
      ['/events', 'POST'],
      ['/rpc/', 'POST'],
    ] as const) {
      const response = await fetch(`${server.origin}${path}`, { method, headers: bearer() });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('cuts off a request whose body trickles in', async () => {
    const { afterMs: after, answer } = await trickleRequest(
      Number(new URL(server.origin).port),
      `POST /rpc/pools.list HTTP/1.1\r\nHost: ${new URL(server.origin).host}\r\nAuthorization: Bearer ${session}\r\n`,
    );
    expect(after).toBeLessThan(TIMEOUTS.requestMs + 1_500);
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(answer).toContain('Content-Security-Policy:');
  });

  it('serves the contract with HTTP statuses that match the result', async () => {
    const created = await rpc('pools.create', { name: 'Research' });
    expect(created.status).toBe(200);
    expect(await created.json()).toMatchObject({ ok: true, data: { name: 'Research' } });
    const duplicate = await rpc('pools.create', { name: 'research' });
    expect(duplicate.status).toBe(409);
    expect(await duplicate.json()).toMatchObject({ ok: false, error: { code: 'pool_name_taken' } });
    const unknown = await rpc('pools.drop', {});
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'unknown_channel' } });
  });

  it('answers several calls in one request, in order, each as if sent alone', async () => {
    const response = await batch([
      { channel: 'pools.create', input: { name: 'Batch one' } },
      { channel: 'pools.create', input: { name: 'batch ONE' } },
      { channel: 'pools.drop', input: {} },
      { channel: 'pools.create', input: { name: '' } },
      { channel: 'pools.list', input: {} },
    ]);
    expect(response.status).toBe(200);
    expect(response.headers.get(EVENTS_EMITTED_HEADER)).toMatch(/^\d+$/);
    const { data } = (await response.json()) as { data: Result<{ pools: { name: string }[] }>[] };
    expect(data.map((answer) => (answer.ok ? 'ok' : answer.error.code))).toEqual([
      'ok',
      'pool_name_taken',
      'unknown_channel',
      'validation_failed',
      'ok',
    ]);
    const listed = data[4]!;
    expect(listed.ok && listed.data.pools.map((pool) => pool.name)).toContain('Batch one');
  });

  it('refuses a batch that is not a list of calls whole, before any call runs', async () => {
    const before = snapshotDatabase(t.dataDir);
    const create = { channel: 'pools.create', input: { name: 'Never made' } };
    for (const body of [
      create,
      [],
      Array.from({ length: RPC_BATCH_MAX + 1 }, (_, i) => ({ ...create, input: { name: `Never ${i}` } })),
      [create, { channel: 5, input: {} }],
      [create, { ...create, extra: true }],
      [create, null],
    ]) {
      const response = await batch(body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(snapshotDatabase(t.dataDir)).toEqual(before);
  });

  it('turns malformed bodies into validation_failed', async () => {
    const badJson = await fetch(`${server.origin}/rpc/pools.create`, {
      method: 'POST',
      headers: { ...bearer(), ...json },
      body: '{"name":',
    });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    const text = await fetch(`${server.origin}/rpc/pools.create`, {
      method: 'POST',
      headers: { ...bearer(), 'Content-Type': 'text/plain' },
      body: 'name=x',
    });
    expect(text.status).toBe(415);
    expect(await text.json()).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    const huge = await rpc('pools.create', { name: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });

  it('refuses every generated bad input over HTTP too, changing nothing', async () => {
    const before = snapshotDatabase(t.dataDir);
    for (const c of badInputs()) {
      const response = await rpc(c.channel, c.input);
      const body = (await response.json()) as { ok: boolean; error?: { code: string } };
      expect([response.status, body.error?.code], `${c.channel}: ${c.label}`).toEqual([400, 'validation_failed']);
    }
    expect(snapshotDatabase(t.dataDir)).toEqual(before);
  });

  /** A download channel over /rpc: its answer is a one-time link, which this follows like the page does. */
  async function download(channel: string, input: unknown) {
    const answer = (await (await rpc(channel, input)).json()) as { ok: true; data: { kind: string; url: string } };
    expect(answer).toMatchObject({
      ok: true,
      data: { kind: 'link', url: expect.stringMatching(/^\/download\/[\w-]{43}$/) },
    });
    return { url: answer.data.url, response: await fetch(`${server.origin}${answer.data.url}`) };
  }

  it('downloads exports through a one-time link from a validated call', async () => {
    await rpc('pools.create', { name: 'Exported' });
    const pools = (await (await rpc('pools.list', {})).json()).data.pools as { id: string; name: string }[];
    const exported = pools.find((p) => p.name === 'Exported')!;
    await rpc('invites.create', { poolId: exported.id, email: 'carol@example.com', expiry: '24h', sendEmail: false });
    const { url, response: csv } = await download('invites.export', {
      format: 'csv',
      filters: { poolId: exported.id },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(
      /^attachment; filename="pooler-invites-\d{4}-\d\d-\d\d\.csv"$/,
    );
    expect(csv.headers.get('cache-control')).toBe('no-store');
    expect(csv.headers.get('x-content-type-options')).toBe('nosniff');
    const lines = (await csv.text()).trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('carol@example.com');
    // The link works once.
    const again = await fetch(`${server.origin}${url}`);
    expect([again.status, ((await again.json()) as { error: { code: string } }).error.code]).toEqual([
      404,
      'not_found',
    ]);
    const json = await download('invites.export', { format: 'json', filters: { search: 'nobody' } });
    expect(await json.response.json()).toMatchObject({ object: 'list', data: [] });
    const bad = await rpc('invites.export', { format: 'xlsx', filters: { status: '<b>' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      ok: false,
      error: {
        code: 'validation_failed',
        fields: { format: expect.any(String), 'filters.status': expect.any(String) },
      },
    });
    expect((await rpc('invites.export', { format: 'csv', filters: {} }, {})).status).toBe(401);
    expect((await fetch(`${server.origin}/download/${'x'.repeat(43)}`)).status).toBe(404);
  });

  it('downloads an account’s auth.json through a one-time link, validating the id', async () => {
    const pool = (await (await rpc('pools.create', { name: 'Tokens' })).json()).data as { id: string };
    const account = defaultAccount('dora@example.com');
    const tokens = {
      idToken: idToken('https://auth.example', account, Date.now()),
      accessToken: accessToken('https://auth.example', account, Date.now(), 3600),
      refreshToken: 'rt_dora',
    };
    const imported = (
      await (
        await rpc('upstreams.importAuth', {
          poolId: pool.id,
          file: authJsonFor({ ...tokens, accountId: account.accountId }),
        })
      ).json()
    ).data as { id: string };
    const { response: file } = await download('upstreams.exportAuth', { id: imported.id, handOver: false });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="auth.json"');
    expect(file.headers.get('cache-control')).toBe('no-store');
    expect(await file.json()).toMatchObject({
      auth_mode: 'chatgpt',
      tokens: { refresh_token: 'rt_dora', account_id: account.accountId },
    });
    const bad = await rpc('upstreams.exportAuth', { id: '<b>', handOver: false });
    expect([bad.status, ((await bad.json()) as { error: { code: string } }).error.code]).toEqual([
      400,
      'validation_failed',
    ]);
    const unknown = await rpc('upstreams.exportAuth', { id: 'upstream-0123456789abcdef01234567', handOver: false });
    expect(unknown.status).toBe(404);
  });

  it('streams core events to the browser as server-sent events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.origin}/events`, { headers: bearer(), signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    await reader.read();
    const pool = (await (await rpc('pools.create', { name: 'Streamed' })).json()).data as { id: string };
    while (!received.includes('audit.appended')) received += decoder.decode((await reader.read()).value);
    controller.abort();
    const events = received
      .split('\n\n')
      .filter((block) => block.startsWith('data: '))
      .map((block) => JSON.parse(block.slice('data: '.length)) as { name: string; payload: unknown });
    expect(events[0]).toEqual({ name: 'pools.changed', payload: { poolId: pool.id } });
    expect(events[1]).toMatchObject({ name: 'audit.appended' });
  });

  it('says how many events were announced, on each answer and as the stream opens, so a page knows what it missed', async () => {
    const before = Number((await rpc('pools.list', {})).headers.get('pooler-events-emitted'));
    expect(Number.isInteger(before)).toBe(true);
    await rpc('pools.create', { name: 'Counted' });
    // The create's own answer counts what came before it; the next read sees its events.
    const after = Number((await rpc('pools.list', {})).headers.get('pooler-events-emitted'));
    expect(after).toBeGreaterThan(before);
    const controller = new AbortController();
    const stream = await fetch(`${server.origin}/events`, { headers: bearer(), signal: controller.signal });
    expect(Number(stream.headers.get('pooler-events-emitted'))).toBe(after);
    controller.abort();
  });
});
