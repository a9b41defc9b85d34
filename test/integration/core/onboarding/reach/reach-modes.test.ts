import type { NetworkInterfaceInfo } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pointsElsewhere } from '../../../../../shared/invites/link-served';
import { freePort } from '../../../../support/free-port';
import { issueInvite } from '../../../../support/invite-fixtures';
import { RENDERER_DIR } from '../../../../support/onboarding-harness';
import { startTestCore } from '../../../../support/test-core';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0)) await fn();
});

/** This machine's addresses as the core sees them: a second loopback address stands in for Wi-Fi. */
function interfaces() {
  const wifi: NetworkInterfaceInfo = {
    address: '127.0.0.2',
    netmask: '255.0.0.0',
    family: 'IPv4',
    mac: '02:00:00:00:00:01',
    internal: false,
    cidr: '127.0.0.2/8',
  };
  const state = { up: true };
  return { state, source: () => (state.up ? { wlan0: [wifi] } : {}) };
}

async function core(options: { lookupsPerMinute?: number; source?: () => NodeJS.Dict<NetworkInterfaceInfo[]> } = {}) {
  const t = await startTestCore({
    config: {
      rendererDir: RENDERER_DIR,
      onboardingLimits: { lookupsPerMinute: options.lookupsPerMinute ?? 120 },
      reach: { interfaces: options.source ?? (() => ({})), addressWatchMs: 50, checkTimeoutMs: 2_000 },
    },
  });
  cleanups.push(() => t.dispose());
  await t.call('settings.updateOperator', { displayName: 'Ada', email: 'ada@example.com' });
  const port = await freePort();
  await t.call('onboarding.update', { port, reach: { mode: 'local' } });
  await t.core.onboarding.start();
  return { t, port };
}

const lookup = (base: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/onboarding/invites/${'x'.repeat(43)}/state`, { headers }).then((r) => r.status);

describe('Local network mode', () => {
  it('binds only the chosen address, lists the machine’s addresses, and falls back when it goes away', async () => {
    const { state, source } = interfaces();
    const { t, port } = await core({ source });
    const settings = await t.call('onboarding.update', { port, reach: { mode: 'network', address: '127.0.0.2' } });
    expect(settings.addresses).toEqual([{ address: '127.0.0.2', family: 'IPv4', interface: 'wlan0' }]);
    expect(settings.status).toMatchObject({ state: 'listening', listeningOn: `127.0.0.2:${port}` });
    expect(settings.publicUrl.value).toBe(`http://127.0.0.2:${port}`);
    expect(await lookup(`http://127.0.0.2:${port}`)).toBe(404);
    await expect(lookup(`http://127.0.0.1:${port}`)).rejects.toThrow();

    state.up = false;
    await vi.waitFor(async () => {
      const now = await t.call('onboarding.get', {});
      expect(now.status.listeningOn).toBe(`127.0.0.1:${port}`);
      expect(now.notice).toMatch(/^The address 127\.0\.0\.2 is no longer on this machine/);
      expect(now.reach).toEqual({ mode: 'network', address: '127.0.0.2' });
    });
    expect(await lookup(`http://127.0.0.1:${port}`)).toBe(404);

    state.up = true;
    await vi.waitFor(async () => {
      const now = await t.call('onboarding.get', {});
      expect(now.status.listeningOn).toBe(`127.0.0.2:${port}`);
      expect(now.notice).toBeNull();
    });
  });
});

describe('client addresses for rate limits', () => {
  it('come from X-Forwarded-For only when the peer is the trusted proxy', async () => {
    const { t, port } = await core({ lookupsPerMinute: 2 });
    const base = `http://127.0.0.1:${port}`;
    // Untrusted: a forged header changes nothing, every request is the peer's.
    expect(await lookup(base, { 'x-forwarded-for': '198.51.100.1' })).toBe(404);
    expect(await lookup(base, { 'x-forwarded-for': '198.51.100.2' })).toBe(404);
    expect(await lookup(base, { 'x-forwarded-for': '198.51.100.3' })).toBe(429);

    const proxied = { mode: 'proxy', publicUrl: 'https://invites.example.com', listenOn: '' } as const;
    await t.call('onboarding.update', { port, reach: { ...proxied, trustedProxy: '127.0.0.1' } });
    // Trusted: each invitee has a budget of their own, keyed on the last hop the proxy added.
    for (const invitee of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      expect(await lookup(base, { 'x-forwarded-for': `10.0.0.9, ${invitee}` })).toBe(404);
      expect(await lookup(base, { 'x-forwarded-for': invitee })).toBe(404);
      expect(await lookup(base, { 'x-forwarded-for': invitee })).toBe(429);
    }
    expect(await lookup(base, { 'cf-connecting-ip': '203.0.113.50' })).toBe(404);

    // A proxy elsewhere is trusted, this peer is not: back to one budget for everything from here.
    await t.call('onboarding.update', { port, reach: { ...proxied, trustedProxy: '192.0.2.10' } });
    expect(await lookup(base, { 'x-forwarded-for': '203.0.113.7' })).toBe(404);
    expect(await lookup(base, { 'x-forwarded-for': '203.0.113.8' })).toBe(404);
    expect(await lookup(base, { 'x-forwarded-for': '203.0.113.9' })).toBe(429);
  });
});

describe('each invite’s link base', () => {
  it('is where its link pointed when issued; a mode change flags it, and reissue points it here again', async () => {
    const { t, port } = await core();
    const issued = await issueInvite(t);
    expect(issued.invite.linkBase).toBe(`http://127.0.0.1:${port}`);
    const moved = await t.call('onboarding.update', {
      port,
      reach: { mode: 'proxy', publicUrl: 'https://invites.example.com', trustedProxy: '', listenOn: '' },
    });
    const [row] = (await t.call('invites.list', {})).invites;
    expect(row?.linkBase).toBe(`http://127.0.0.1:${port}`);
    expect(pointsElsewhere(row!, moved.status.publicUrl)).toBe(true);
    expect((await t.call('invites.retrieve', { id: issued.invite.id })).link_base).toBe(`http://127.0.0.1:${port}`);

    // Reissue over the contract also emails the link (it needs SMTP); the new link is the same either way.
    const again = await t.services.invites.reissue(
      issued.invite.id,
      { kind: 'operator', name: 'Ada' },
      { emailRequested: false },
    );
    expect(again.url.startsWith('https://invites.example.com/onboarding/invites/')).toBe(true);
    expect(again.invite.linkBase).toBe('https://invites.example.com');
    expect(pointsElsewhere(again.invite, moved.status.publicUrl)).toBe(false);
  });
});
