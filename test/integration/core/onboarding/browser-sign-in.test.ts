import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserStart } from '../../../../shared/onboarding/page-api';
import type { OnboardingPageState } from '../../../../shared/onboarding/page-state';
import { startOnboardingHarness, type OnboardingHarness } from '../../../support/onboarding-harness';
import { allFiles } from '../../../support/data-files';
import { authJsonFor } from '../../../support/upstream-harness';

let h: OnboardingHarness;
afterEach(() => h?.dispose());

type PasteAnswer = { status: number; body: OnboardingPageState | { error: { code: string; message: string } } };

async function browserStart(url: string): Promise<BrowserStart> {
  const response = await fetch(`${url}/browser`, { method: 'POST' });
  expect(response.status).toBe(200);
  return (await response.json()) as BrowserStart;
}

async function paste(url: string, text: string): Promise<PasteAnswer> {
  const response = await fetch(`${url}/browser/paste`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  return { status: response.status, body: (await response.json()) as PasteAnswer['body'] };
}

/** The invitee's whole browser way: start, sign in at the fake as `who`, paste the address. */
async function signInAndPaste(url: string, who: string | 'deny') {
  const { authorizeUrl } = await browserStart(url);
  return paste(url, await h.fake.signInBrowser(authorizeUrl, who));
}

const errorCode = (answer: PasteAnswer) => ('error' in answer.body ? answer.body.error.code : null);

describe('the invite page’s browser sign-in (reference §11) over real HTTP', () => {
  it('completes exactly as a device approval does: invite accepted, account linked, audited', async () => {
    h = await startOnboardingHarness();
    const issued = await h.invite('bob@example.com');
    const started = await browserStart(issued.url);
    expect(started.authorizeUrl.startsWith(`${h.fake.issuer}/oauth/authorize?`)).toBe(true);
    expect(started.expiresAt).toBeGreaterThan(Date.now() + 9 * 60_000);

    const answer = await paste(issued.url, await h.fake.signInBrowser(started.authorizeUrl, 'bob@example.com'));
    expect(answer).toMatchObject({
      status: 200,
      body: { view: 'connected', kind: 'invite', poolName: 'Research', accountEmail: 'bob@example.com' },
    });
    expect(await h.t.call('invites.get', { id: issued.invite.id })).toMatchObject({
      status: 'accepted',
      acceptedByEmail: 'bob@example.com',
    });
    const accounts = (await h.t.call('upstreams.list', {})).upstreams;
    expect(accounts.map((u) => [u.email, u.credentialState])).toEqual([['bob@example.com', 'ready']]);
    expect((await h.t.call('audit.list', { action: 'upstream.linked' })).entries).toHaveLength(1);
    // The verifier is sealed and the state kept only as a hash; the code is never stored.
    const state = new URL(started.authorizeUrl).searchParams.get('state')!;
    for (const file of allFiles(h.t.dataDir)) expect(readFileSync(file).includes(Buffer.from(state)), file).toBe(false);
  });

  it('a wrong state is state_mismatch and changes nothing; the right paste still works after it', async () => {
    h = await startOnboardingHarness();
    const issued = await h.invite('bob@example.com');
    const first = await browserStart(issued.url);
    const stale = await h.fake.signInBrowser(first.authorizeUrl, 'bob@example.com');
    const second = await browserStart(issued.url);
    // The first attempt's address, pasted into the second: refused, nothing spent.
    const refused = await paste(issued.url, stale);
    expect(refused.status).toBe(409);
    expect(errorCode(refused)).toBe('state_mismatch');
    expect(JSON.stringify(refused.body)).not.toContain(new URL(stale).searchParams.get('code')!);
    expect((await h.t.call('invites.get', { id: issued.invite.id })).status).toBe('active');
    expect(h.fake.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(0);
    const ok = await paste(issued.url, await h.fake.signInBrowser(second.authorizeUrl, 'bob@example.com'));
    expect(ok.body).toMatchObject({ view: 'connected' });
  });

  it('a code is exchanged once: a second paste of the same address, or a late one, is refused', async () => {
    h = await startOnboardingHarness({ switches: { browserCodeLifetimeSeconds: 600 } });
    const issued = await h.invite('bob@example.com');
    const { authorizeUrl } = await browserStart(issued.url);
    const address = await h.fake.signInBrowser(authorizeUrl, 'bob@example.com');
    const [a, b] = await Promise.all([paste(issued.url, address), paste(issued.url, address)]);
    const outcomes = [a, b].map((x) => ('view' in x.body ? x.body.view : errorCode(x))).sort();
    expect(outcomes).toEqual(['attempt_expired', 'connected']);
    expect(h.fake.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(1);

    const other = await h.invite('carol@example.com');
    h.fake.switches.browserCodeLifetimeSeconds = 0;
    const late = await signInAndPaste(other.url, 'carol@example.com');
    expect(errorCode(late)).toBe('code_rejected');
    expect((await h.t.call('invites.get', { id: other.invite.id })).status).toBe('active');
  });

  it('a refusal pasted back shows Denied, or Codex not enabled, and the invite stays usable', async () => {
    h = await startOnboardingHarness();
    const issued = await h.invite('bob@example.com');
    expect((await signInAndPaste(issued.url, 'deny')).body).toMatchObject({ view: 'error', failure: 'denied' });
    h.fake.registerAccount({ email: 'bob@example.com', noCodexEntitlement: true });
    expect((await signInAndPaste(issued.url, 'bob@example.com')).body).toMatchObject({
      view: 'error',
      failure: 'codex_not_enabled',
    });
    expect((await h.t.call('invites.get', { id: issued.invite.id })).status).toBe('active');
  });

  it('the email rule holds: another account signing in is email_mismatch, nothing linked', async () => {
    h = await startOnboardingHarness();
    const issued = await h.invite('bob@example.com');
    expect((await signInAndPaste(issued.url, 'mallory@example.com')).body).toMatchObject({
      view: 'error',
      failure: 'email_mismatch',
      accountEmail: 'mallory@example.com',
    });
    expect((await h.t.call('upstreams.list', {})).upstreams).toEqual([]);
  });

  it('an account with device-code login off falls back to the browser and completes (reference §6.2)', async () => {
    h = await startOnboardingHarness();
    h.fake.registerAccount({ email: 'ws@example.com', deviceAuthDisabled: true });
    const issued = await h.invite('ws@example.com');
    await h.start(issued.url);
    expect(h.fake.approve(h.fake.latestUserCode()!, 'ws@example.com')).toBe('device_auth_disabled');
    expect(await h.state(issued.url)).toMatchObject({ view: 'pending' });
    expect((await signInAndPaste(issued.url, 'ws@example.com')).body).toMatchObject({ view: 'connected' });
    // The device code it replaced is over: the page stays connected.
    await h.outlastPoll();
    expect(await h.state(issued.url)).toMatchObject({ view: 'connected' });
  });

  it('revoke or reissue racing the paste: exactly one wins', async () => {
    h = await startOnboardingHarness();
    const revoked = await h.invite('bob@example.com');
    const start = await browserStart(revoked.url);
    const address = await h.fake.signInBrowser(start.authorizeUrl, 'bob@example.com');
    const [pasted, revoke] = await Promise.all([
      paste(revoked.url, address),
      h.t.raw('invites.revoke', { id: revoked.invite.id }),
    ]);
    const invite = await h.t.call('invites.get', { id: revoked.invite.id });
    const linked = (await h.t.call('upstreams.list', {})).upstreams.length;
    if (revoke.ok) {
      expect(invite.status).toBe('revoked');
      expect(linked).toBe(0);
      expect(pasted.body).toEqual({ view: 'unavailable' });
    } else {
      expect(invite.status).toBe('accepted');
      expect(linked).toBe(1);
    }

    const reissued = await h.invite('carol@example.com');
    const again = await browserStart(reissued.url);
    await h.t.services.invites.reissue(
      reissued.invite.id,
      { kind: 'operator', name: 'Ada' },
      { emailRequested: false },
    );
    // The old URL's attempt died with its token: nothing is exchanged for it.
    const late = await paste(reissued.url, await h.fake.signInBrowser(again.authorizeUrl, 'carol@example.com'));
    expect(late.body).toEqual({ view: 'unavailable' });
    expect((await h.t.call('invites.get', { id: reissued.invite.id })).status).toBe('active');
  });

  it('a relink link takes the browser way too, under the same-account rule', async () => {
    h = await startOnboardingHarness();
    const file = authJsonFor(h.fake.mintTokens('ada@example.com'));
    const row = await h.t.call('upstreams.importAuth', { poolId: h.poolId, file });
    h.fake.invalidateRefreshTokens('ada@example.com');
    await h.t.call('upstreams.refresh', { id: row.id });
    const link = await h.t.call('upstreams.relinkLink', { id: row.id, expiry: '24h', sendEmail: false });
    expect((await signInAndPaste(link.url, 'mallory@example.com')).body).toMatchObject({
      failure: 'account_mismatch',
    });
    expect((await signInAndPaste(link.url, 'ada@example.com')).body).toMatchObject({
      view: 'connected',
      kind: 'relink',
    });
    expect((await h.t.call('upstreams.list', {})).upstreams[0]).toMatchObject({ id: row.id, credentialState: 'ready' });
  });

  it('the receipt says when the account cannot be used yet, and the acceptance stands', async () => {
    h = await startOnboardingHarness();
    h.fake.setUsage('bob@example.com', { kind: 'status', status: 403 });
    const issued = await h.invite('bob@example.com');
    await signInAndPaste(issued.url, 'bob@example.com');
    let state = await h.state(issued.url);
    for (let i = 0; i < 100 && state.view === 'connected' && !state.receipt; i++) {
      await new Promise((r) => setTimeout(r, 50));
      state = await h.state(issued.url);
    }
    expect(state).toMatchObject({
      view: 'connected',
      receipt: {
        plan: 'plus',
        fiveHourLeft: null,
        problem: expect.stringMatching(/^ChatGPT asked for a browser check/),
      },
    });
    expect((await h.t.call('invites.get', { id: issued.invite.id })).status).toBe('accepted');
  });

  it('bad pastes are refused by rule, never echoed, and a paste without a started sign-in is no_attempt', async () => {
    h = await startOnboardingHarness();
    const issued = await h.invite('bob@example.com');
    expect(errorCode(await paste(issued.url, 'http://localhost:1455/auth/callback?code=abc'))).toBe('no_attempt');
    await browserStart(issued.url);
    const junk = 'j'.repeat(5000);
    expect(errorCode(await paste(issued.url, junk))).toBe('too_long');
    const foreign = await paste(issued.url, 'https://evil.example/cb?code=abc&state=x');
    expect(errorCode(foreign)).toBe('not_callback_url');
    expect(JSON.stringify(foreign.body)).not.toContain('evil.example');
    const tooBig = await fetch(`${issued.url}/browser/paste`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(40_000) }),
    });
    expect(tooBig.status).toBe(413);
    // Refusals carry the listener's security headers like every other answer.
    for (const refused of [tooBig, await fetch(`${issued.url}/browser/paste`, { method: 'POST' })]) {
      expect(refused.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(refused.headers.get('cache-control')).toBe('no-store');
      expect(refused.headers.get('referrer-policy')).toBe('no-referrer');
    }
    const notJson = await fetch(`${issued.url}/browser/paste`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: 'abc' }),
    });
    expect(notJson.status).toBe(400);
    expect((await h.t.call('invites.get', { id: issued.invite.id })).status).toBe('active');
  });
});
