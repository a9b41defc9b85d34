import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../../../support/free-port';
import { issueInvite } from '../../../../support/invite-fixtures';
import { RENDERER_DIR } from '../../../../support/onboarding-harness';
import { startTestCore, type TestCore } from '../../../../support/test-core';
import { alive, standIns, type StandIns } from '../../../../support/tunnel-stand-ins';

const FAST = { urlTimeoutMs: 3_000, restartBackoffMs: [50, 100], stableAfterMs: 60_000, stopGraceMs: 1_000 };

let stand: StandIns;
beforeAll(async () => {
  stand = await standIns();
});
afterAll(() => stand.remove());

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0)) await fn();
});

async function core(extra: NodeJS.ProcessEnv = {}): Promise<TestCore> {
  const t = await startTestCore({
    env: stand.env(extra),
    config: { rendererDir: RENDERER_DIR, reach: { tunnelTiming: FAST, checkCa: stand.ca, checkTimeoutMs: 3_000 } },
  });
  cleanups.push(() => t.dispose());
  await t.call('settings.updateOperator', { displayName: 'Ada', email: 'ada@example.com' });
  await t.call('onboarding.update', { port: await freePort(), reach: { mode: 'local' } });
  await t.core.onboarding.start();
  return t;
}

const tunnel = (program: 'cloudflared' | 'ngrok' | 'tailscale', path = '') =>
  ({ mode: 'tunnel', program, path }) as const;

async function switchTo(t: TestCore, reach: ReturnType<typeof tunnel>) {
  const port = Number((await t.call('onboarding.get', {})).port.value);
  return t.raw('onboarding.update', { port, reach });
}

describe('tunnel programs', () => {
  it('are detected on PATH with their versions, and a missing one says where to get it', async () => {
    const t = await core({ PATH: `${process.execPath}/nowhere` });
    expect((await t.call('onboarding.get', {})).tunnels).toEqual([
      {
        program: 'cloudflared',
        path: null,
        version: null,
        installUrl: expect.stringMatching(/^https:\/\/developers\.cloudflare\.com\//),
      },
      { program: 'ngrok', path: null, version: null, installUrl: 'https://ngrok.com/download' },
      { program: 'tailscale', path: null, version: null, installUrl: 'https://tailscale.com/download' },
    ]);
    const answer = await switchTo(t, tunnel('cloudflared'));
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'tunnel_failed', message: 'cloudflared is not installed on this machine.' },
    });
    expect((await t.call('onboarding.get', {})).reach).toEqual({ mode: 'local' });

    const found = await core();
    expect((await found.call('onboarding.get', {})).tunnels.map((p) => [p.program, p.version])).toEqual([
      ['cloudflared', '2026.8.2'],
      ['ngrok', '3.19.1'],
      ['tailscale', '1.102.3'],
    ]);
  });

  it('ngrok: its started-tunnel address becomes the links, and the check reaches this console through it', async () => {
    const t = await core();
    const answer = await switchTo(t, tunnel('ngrok'));
    expect(answer.ok).toBe(true);
    const settings = await t.call('onboarding.check', {});
    const url = settings.publicUrl.value;
    expect(url).toMatch(/^https:\/\/127\.0\.0\.2:\d+$/);
    expect(settings.publicUrl.source).toBe('settings');
    const runtime = (await t.call('settings.get', {})).runtime.find((r) => r.env === 'POOLER_PUBLIC_URL');
    expect(runtime).toMatchObject({ value: url, source: 'settings' });
    expect(settings).toMatchObject({
      reach: { mode: 'tunnel', program: 'ngrok' },
      scope: 'this_computer',
      tunnel: { program: 'ngrok', state: 'up', url, message: null },
      reachability: { state: 'reachable', url: `${url}/onboarding/health`, failure: null },
    });
    expect(settings.reachability.roundTripMs).toBeGreaterThanOrEqual(0);

    const issued = await issueInvite(t);
    expect(issued.url.startsWith(`${url}/onboarding/invites/`)).toBe(true);
    expect(issued.invite.linkBase).toBe(url);

    const actions = (await t.call('audit.list', {})).entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['onboarding.reach_changed', 'onboarding.tunnel_started']));
  });

  it('a saved Tunnel mode starts its tunnel with the console, and a new cloudflared address means new links', async () => {
    const t = await core();
    expect((await switchTo(t, tunnel('cloudflared'))).ok).toBe(true);
    const reopened = await t.restart();
    cleanups.push(() => reopened.dispose());
    expect((await reopened.call('onboarding.get', {})).tunnel).toBeNull();
    expect(await reopened.core.onboarding.start()).toMatchObject({ program: 'cloudflared', state: 'up' });
    expect((await reopened.call('onboarding.get', {})).publicUrl.value).toBe(
      'https://lovely-example-words-here.trycloudflare.com',
    );
  });

  it('cloudflared: the address comes from the banner row only, never from an error line naming the API', async () => {
    const t = await core();
    expect((await switchTo(t, tunnel('cloudflared'))).ok).toBe(true);
    const settings = await t.call('onboarding.check', {});
    expect(settings.tunnel).toMatchObject({ state: 'up', url: 'https://lovely-example-words-here.trycloudflare.com' });
    expect(settings.scope).toBe('internet');
    // This machine reaches no internet: the check says the name does not resolve, not "reachable".
    expect(settings.reachability).toMatchObject({ state: 'unreachable', failure: 'dns' });
  });

  it('tailscale: the address is the node name from status --json; switching away ends the funnel', async () => {
    const t = await core();
    expect((await switchTo(t, tunnel('tailscale'))).ok).toBe(true);
    const settings = await t.call('onboarding.get', {});
    expect(settings.tunnel).toMatchObject({ state: 'up', url: 'https://myhost.tail1234.ts.net' });
    const pid = Number(readFileSync(stand.pidFile, 'utf8'));
    expect(alive(pid)).toBe(true);

    await t.call('onboarding.update', { port: Number(settings.port.value), reach: { mode: 'local' } });
    expect(alive(pid)).toBe(false);
    const after = await t.call('onboarding.get', {});
    expect(after.tunnel).toBeNull();
    expect(after.publicUrl.value).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await t.call('audit.list', { action: 'onboarding.tunnel_stopped' })).entries).toHaveLength(1);
  });

  it.each([
    [
      'tailscale',
      'funnel-off',
      /^Funnel is not enabled on your tailnet\. To enable it, visit https:\/\/login\.tailscale\.com\/f\/funnel\?node=/,
    ],
    ['ngrok', 'no-auth', /requires a verified account and authtoken.*\(ERR_NGROK_4018\)$/],
    ['ngrok', 'malformed', /not an https origin: ftp:\/\/example-words\.ngrok-free\.app$/],
    ['cloudflared', 'silent', /^cloudflared reported no public address within 3 s\.$/],
    ['cloudflared', 'exit', /^cloudflared kept exiting \(code 1\): failed to request quick Tunnel: .*no such host$/],
  ] as const)(
    '%s that goes %s fails with the reason and keeps the previous mode',
    async (program, behaviour, reason) => {
      const t = await core({ STANDIN_BEHAVIOUR: behaviour });
      const before = await t.call('onboarding.get', {});
      const answer = await switchTo(t, tunnel(program));
      expect(answer).toMatchObject({ ok: false, error: { code: 'tunnel_failed' } });
      expect(!answer.ok && answer.error.message).toMatch(reason);
      const after = await t.call('onboarding.get', {});
      expect(after.reach).toEqual({ mode: 'local' });
      expect(after.status).toMatchObject({ state: 'listening', publicUrl: before.publicUrl.value });
      const [failed] = (await t.call('audit.list', { action: 'onboarding.tunnel_failed' })).entries;
      expect(failed?.details).toMatchObject({ program, reason: expect.stringMatching(reason) });
      expect((await t.call('audit.list', { action: 'onboarding.reach_changed' })).entries).toHaveLength(1);
    },
  );

  it('a program path that is not executable is refused the same way', async () => {
    const t = await core();
    const answer = await switchTo(t, tunnel('ngrok', RENDERER_DIR));
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'tunnel_failed',
        message: `ngrok is not installed at ${RENDERER_DIR} (missing or not executable).`,
      },
    });
  });

  it('a tunnel that exits after coming up is started again with backoff, at a new address', async () => {
    const t = await core();
    expect((await switchTo(t, tunnel('ngrok'))).ok).toBe(true);
    const first = (await t.call('onboarding.get', {})).publicUrl.value;
    const pid = Number(readFileSync(stand.pidFile, 'utf8'));
    process.kill(pid, 'SIGKILL');
    await vi.waitFor(
      async () => {
        const now = await t.call('onboarding.get', {});
        expect(now.tunnel?.state).toBe('up');
        expect(now.publicUrl.value).not.toBe(first);
      },
      { timeout: 5_000, interval: 50 },
    );
    expect((await t.call('audit.list', { action: 'onboarding.tunnel_started' })).entries).toHaveLength(2);
  });
});
