import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccessToken } from '../../../electron/host/access-token';
import { startConsoleServer, type ConsoleServer } from '../../../electron/host/console-server';
import { defaultAccount } from '../../fakes/openai/accounts';
import { accessToken, idToken } from '../../fakes/openai/jwt';
import { badInputs } from '../../support/bad-inputs';
import { snapshotDatabase } from '../../support/db-snapshot';
import { makeTempDir } from '../../support/temp-dir';
import { startTestCore, type TestCore } from '../../support/test-core';
import { authJsonFor } from '../../support/upstream-harness';

let t: TestCore;
let server: ConsoleServer;
const token = newAccessToken();
const rendererDir = makeTempDir('pooler-renderer');

beforeAll(async () => {
  mkdirSync(join(rendererDir.path, 'assets'));
  writeFileSync(
    join(rendererDir.path, 'index.html'),
    '<!doctype html><html><head><title>Pooler</title></head><body></body></html>',
  );
  writeFileSync(join(rendererDir.path, 'assets', 'app.js'), 'console.log("app")');
  t = startTestCore();
  server = await startConsoleServer({ core: t.core, rendererDir: rendererDir.path, token, port: 0 });
});

afterAll(async () => {
  await server.close();
  await t.dispose();
  rendererDir.remove();
});

const cookieName = () => `pooler_console_${new URL(server.origin).port}`;
const bearer = { Authorization: `Bearer ${token}` };
const json = { 'Content-Type': 'application/json' };

function rpc(channel: string, body: unknown, headers: Record<string, string> = bearer) {
  return fetch(`${server.origin}/rpc/${channel}`, {
    method: 'POST',
    headers: { ...json, ...headers },
    body: JSON.stringify(body),
  });
}

describe('browser console server', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(new URL(server.origin).hostname).toBe('127.0.0.1');
  });

  it('answers 401 to every request without the right token', async () => {
    for (const path of ['/', '/assets/app.js', '/events', '/index.html', '/nope']) {
      expect((await fetch(`${server.origin}${path}`)).status, path).toBe(401);
    }
    expect((await fetch(`${server.origin}/?token=${token}x`)).status).toBe(401);
    expect((await fetch(`${server.origin}/?token=`)).status).toBe(401);
    expect((await rpc('pools.list', {}, {})).status).toBe(401);
    expect((await rpc('pools.list', {}, { Authorization: `Bearer ${token.slice(1)}` })).status).toBe(401);
    const body = await (await rpc('pools.list', {}, { Authorization: 'Basic abc' })).json();
    expect(body).toEqual({ ok: false, error: { code: 'unauthorized', message: 'Missing or wrong access token.' } });
  });

  it('serves the console for the printed link: token in a meta tag, a strict session cookie, safe headers', async () => {
    const response = await fetch(`${server.origin}/?token=${token}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`<meta name="pooler-token" content="${token}">`);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`${cookieName()}=${token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves assets with the session cookie, but never accepts the token from a query elsewhere', async () => {
    const withCookie = await fetch(`${server.origin}/assets/app.js`, {
      headers: { Cookie: `${cookieName()}=${token}` },
    });
    expect(withCookie.status).toBe(200);
    expect(withCookie.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(await withCookie.text()).toContain('console.log');
    expect((await fetch(`${server.origin}/assets/app.js?token=${token}`)).status).toBe(401);
    expect(
      (await fetch(`${server.origin}/index.html`, { headers: { Cookie: `${cookieName()}=${token}` } })).status,
    ).toBe(404);
  });

  it('requires the Authorization header for calls: the cookie alone cannot make one', async () => {
    const response = await rpc('pools.create', { name: 'Cross-site' }, { Cookie: `${cookieName()}=${token}` });
    expect(response.status).toBe(401);
    expect((await (await rpc('pools.list', {})).json()).data.pools).toEqual([]);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.origin}/?token=${token}`, { headers: { Host: 'evil.example' } }, (res) =>
        resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
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

  it('turns malformed bodies into validation_failed', async () => {
    const badJson = await fetch(`${server.origin}/rpc/pools.create`, {
      method: 'POST',
      headers: { ...bearer, ...json },
      body: '{"name":',
    });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    const text = await fetch(`${server.origin}/rpc/pools.create`, {
      method: 'POST',
      headers: { ...bearer, 'Content-Type': 'text/plain' },
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
    const { response: file } = await download('upstreams.exportAuth', { id: imported.id });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="auth.json"');
    expect(file.headers.get('cache-control')).toBe('no-store');
    expect(await file.json()).toMatchObject({
      auth_mode: 'chatgpt',
      tokens: { refresh_token: 'rt_dora', account_id: account.accountId },
    });
    const bad = await rpc('upstreams.exportAuth', { id: '<b>' });
    expect([bad.status, ((await bad.json()) as { error: { code: string } }).error.code]).toEqual([
      400,
      'validation_failed',
    ]);
    const unknown = await rpc('upstreams.exportAuth', { id: 'upstream-0123456789abcdef01234567' });
    expect(unknown.status).toBe(404);
  });

  it('streams core events to the browser as server-sent events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.origin}/events`, {
      headers: { Cookie: `${cookieName()}=${token}` },
      signal: controller.signal,
    });
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
});
