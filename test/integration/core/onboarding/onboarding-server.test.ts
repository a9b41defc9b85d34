import { readdirSync, readFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ONBOARDING_CSP } from '../../../../electron/core/onboarding/onboarding-headers';
import { RENDERER_DIR, startOnboardingHarness, type OnboardingHarness } from '../../../support/onboarding-harness';
import { tokenOf } from '../../../support/invite-fixtures';
import { trickleRequest } from '../../../support/trickle-request';

let h: OnboardingHarness;
afterEach(() => h.dispose());

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A GET with an Accept-Encoding of our choosing, and the raw bytes that came back. */
function rawGet(url: string, acceptEncoding: string | null) {
  return new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const headers = acceptEncoding === null ? {} : { 'Accept-Encoding': acceptEncoding };
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('the onboarding listener', () => {
  it('sends its security headers on every response', async () => {
    h = await startOnboardingHarness();
    const issued = await h.invite('bob@example.com');
    const page = await h.page(issued.url);
    const asset = /src="(\/onboarding\/assets\/[^"]+)"/.exec(page.html)![1]!;
    const base = await h.t.publicUrl();
    const events = await fetch(`${issued.url}/events`);
    const responses = [
      await fetch(issued.url),
      await fetch(`${issued.url}/state`),
      await fetch(`${issued.url}/start`, { method: 'POST' }),
      await fetch(`${base}${asset}`),
      await fetch(`${base}/onboarding/invites/${'x'.repeat(43)}`),
      await fetch(`${base}/nowhere`),
      events,
    ];
    await events.body?.cancel();
    for (const response of responses) {
      expect(response.headers.get('content-security-policy'), response.url).toBe(ONBOARDING_CSP);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      // Only the content-named assets may be kept; anything under a token never is.
      const asAsset = response.url.includes('/onboarding/assets/');
      expect(response.headers.get('cache-control')).toBe(asAsset ? IMMUTABLE : 'no-store');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(ONBOARDING_CSP).toContain("frame-ancestors 'none'");
    expect(ONBOARDING_CSP).toContain("script-src 'self'");
    expect(ONBOARDING_CSP).not.toContain('unsafe-inline');
  });

  it('serves the page’s assets for good and compressed, as the browser accepts them', async () => {
    h = await startOnboardingHarness();
    const page = await h.page((await h.invite('bob@example.com')).url);
    const assets = [...page.html.matchAll(/(?:src|href)="(\/onboarding\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const url = `${await h.t.publicUrl()}${asset}`;
      const file = readFileSync(join(RENDERER_DIR, 'assets', asset.split('/').at(-1)!));
      const br = await rawGet(url, 'gzip, deflate, br');
      const gzip = await rawGet(url, 'gzip;q=1, br;q=0');
      const plain = await rawGet(url, null);
      expect([
        br.headers['content-encoding'],
        gzip.headers['content-encoding'],
        plain.headers['content-encoding'],
      ]).toEqual(['br', 'gzip', undefined]);
      expect(brotliDecompressSync(br.body)).toEqual(file);
      expect(gunzipSync(gzip.body)).toEqual(file);
      expect(plain.body).toEqual(file);
      expect(br.body.length).toBeLessThan(file.length);
      for (const answer of [br, gzip, plain]) {
        expect(answer.headers['cache-control']).toBe(IMMUTABLE);
        expect(answer.headers.vary).toBe('Accept-Encoding');
        expect(answer.headers['content-security-policy']).toBe(ONBOARDING_CSP);
      }
    }
  });

  it('serves only the invite pages: never the console, its API, or other files', async () => {
    h = await startOnboardingHarness();
    const base = await h.t.publicUrl();
    for (const path of [
      '/',
      '/index.html',
      '/rpc/pools.list',
      '/events',
      '/onboarding.html',
      '/onboarding/assets/../index.html',
      '/onboarding/assets/index.js',
    ]) {
      const response = await fetch(`${base}${path}`, { method: path.startsWith('/rpc') ? 'POST' : 'GET' });
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).toBe('Not found');
    }
  });

  it('gives each client one lookup budget across every token route, silent within it, with 429 and Retry-After past it', async () => {
    h = await startOnboardingHarness({ limits: { lookupsPerMinute: 5 } });
    const base = await h.t.publicUrl();
    const token = (i: number) => `${base}/onboarding/invites/${String(i).padStart(43, 'a')}`;
    const page = await h.page((await h.invite('bob@example.com')).url);
    const asset = /src="(\/onboarding\/assets\/[^"]+)"/.exec(page.html)![1]!;
    // Within budget, nothing tells a client (or a prober) how much of it is left.
    expect([...page.headers.keys()].filter((name) => name.startsWith('x-ratelimit'))).toEqual([]);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    const routes = [
      (i: number) => fetch(token(i)),
      (i: number) => fetch(`${token(i)}/state`),
      (i: number) => fetch(`${token(i)}/start`, { method: 'POST' }),
      (i: number) => fetch(`${token(i)}/events`),
    ];
    for (let i = 0; i < 8; i++) {
      const response = await routes[i % routes.length]!(i);
      await response.body?.cancel();
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    // The invite page above was the first lookup; four routes share what is left.
    expect(statuses).toEqual([404, 404, 404, 200, 429, 429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // The page's script and style are not lookups: a rate-limited client still gets them.
    expect((await fetch(`${base}${asset}`)).status).toBe(200);
  });

  it('answers /onboarding/health with 204 and its nonce only, outside the lookup budget; anything else there is 404', async () => {
    h = await startOnboardingHarness({ limits: { lookupsPerMinute: 1 } });
    const base = await h.t.publicUrl();
    const nonces = new Set<string | null>();
    for (let i = 0; i < 5; i++) {
      const health = await fetch(`${base}/onboarding/health`);
      expect(health.status).toBe(204);
      expect(await health.text()).toBe('');
      expect(health.headers.get('content-security-policy')).toBe(ONBOARDING_CSP);
      nonces.add(health.headers.get('pooler-onboarding-nonce'));
    }
    expect(nonces.size).toBe(1);
    expect([...nonces][0]).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    // Five health checks later the one lookup this client has is still there.
    expect((await fetch(`${base}/onboarding/invites/${'a'.repeat(43)}/state`)).status).toBe(404);
    for (const [path, method] of [
      ['/onboarding/health', 'POST'],
      ['/onboarding/health', 'DELETE'],
      ['/onboarding/health/secret-looking-path', 'GET'],
    ] as const) {
      const other = await fetch(`${base}${path}`, { method });
      expect(other.status, `${method} ${path}`).toBe(404);
      expect(other.headers.get('pooler-onboarding-nonce')).toBeNull();
      expect(other.headers.get('content-security-policy')).toBe(ONBOARDING_CSP);
      expect(await other.text()).not.toContain('secret-looking-path');
    }
  });

  it('answers HEAD /onboarding/health as GET, with no body', async () => {
    h = await startOnboardingHarness();
    const health = await fetch(`${await h.t.publicUrl()}/onboarding/health?probe=1`, { method: 'HEAD' });
    expect(health.status).toBe(204);
    expect(health.headers.get('pooler-onboarding-nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(health.headers.get('content-security-policy')).toBe(ONBOARDING_CSP);
  });

  it('gives every invitee of a burst at a fresh listener their page (the first request builds the pages’ app, the others wait for it)', async () => {
    h = await startOnboardingHarness();
    const issued = await Promise.all(Array.from({ length: 12 }, (_, i) => h.invite(`user${i}@example.com`)));
    const base = await h.t.publicUrl();
    const answers = await Promise.all([
      ...issued.map((invite) => fetch(invite.url)),
      fetch(`${base}/onboarding/invites/${'z'.repeat(43)}/state`),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([...issued.map(() => 200), 404]);
    for (const answer of answers) expect(answer.headers.get('content-security-policy')).toBe(ONBOARDING_CSP);
    const pages = await Promise.all(answers.slice(0, -1).map((answer) => answer.text()));
    expect(pages.every((html) => html.includes('/onboarding/assets/'))).toBe(true);
  });

  it('cuts off a start request whose body trickles in, echoing nothing', async () => {
    const timeouts = { headersMs: 500, requestMs: 1_000, idleMs: 2_000 };
    h = await startOnboardingHarness({ limits: { timeouts } });
    const issued = await h.invite('bob@example.com');
    const url = new URL(`${issued.url}/start`);
    const { afterMs: after, answer } = await trickleRequest(
      Number(url.port),
      `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\n`,
    );
    expect(after).toBeLessThan(timeouts.requestMs + 1_500);
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(answer).toContain(`Content-Security-Policy: ${ONBOARDING_CSP}`);
    expect(answer).not.toContain(url.pathname);
    expect(h.fake.requests).toEqual([]);
  });

  it('refuses request bodies over its limit', async () => {
    h = await startOnboardingHarness();
    const issued = await h.invite('bob@example.com');
    const response = await fetch(`${issued.url}/start`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(4096) }),
    });
    expect(response.status).toBe(413);
    expect((await h.t.call('invites.get', { id: issued.invite.id })).status).toBe('active');
    expect(h.fake.requests).toEqual([]);
  });

  it('never writes a token, user code or device id to the logs', async () => {
    h = await startOnboardingHarness();
    const issued = await h.invite('bob@example.com');
    await h.start(issued.url);
    const code = h.fake.latestUserCode()!;
    h.fake.switches.failingPolls = 1;
    h.fake.approve(code, 'bob@example.com');
    await h.until(issued.url, 'connected');
    const logs = readdirSync(join(h.t.dataDir, 'logs'))
      .map((f) => readFileSync(join(h.t.dataDir, 'logs', f), 'utf8'))
      .join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).toContain('OpenAI unavailable, retrying');
    for (const secret of [tokenOf(issued), code, '/onboarding/invites/']) expect(logs).not.toContain(secret);
    const deviceId = (
      h.fake.requests.find((r) => r.path === '/api/accounts/deviceauth/token')!.body as { device_auth_id: string }
    ).device_auth_id;
    expect(logs).not.toContain(deviceId);
  });
});
