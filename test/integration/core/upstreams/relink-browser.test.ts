import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RelinkState, UpstreamRow } from '../../../../shared/contract';
import { allFiles } from '../../../support/data-files';
import { startUpstreamHarness, type UpstreamHarness } from '../../../support/upstream-harness';

let h: UpstreamHarness;
afterEach(() => h?.dispose());

/** An account whose refresh token OpenAI has invalidated: it needs its owner. */
async function brokenAccount(email = 'ada@example.com'): Promise<UpstreamRow> {
  const row = await h.account(email);
  h.fake.invalidateRefreshTokens(email);
  expect((await h.t.call('upstreams.refresh', { id: row.id })).credentialState).toBe('reauth_required');
  tokenBaseline = calls('/oauth/token');
  return row;
}

/** The operator's browser way: start, sign in at the fake as `who`, and the address landed on. */
async function signIn(id: string, who: string | 'deny'): Promise<string> {
  const { authorizeUrl } = await h.t.call('upstreams.relinkBrowserStart', { id });
  return h.fake.signInBrowser(authorizeUrl, who);
}

const paste = (id: string, text: string) => h.t.raw('upstreams.relinkBrowserPaste', { id, text });
const calls = (path: string, body: (b: Record<string, unknown>) => boolean = () => true) =>
  h.fake.requests.filter((r) => r.path === path && body((r.body ?? {}) as Record<string, unknown>)).length;
/** Token-endpoint calls since the account broke (its failed refresh was one). */
let tokenBaseline = 0;
const tokenRequests = () => calls('/oauth/token') - tokenBaseline;
const sealedTokens = async (id: string) =>
  (await h.t.query('SELECT access_token, refresh_token, id_token FROM upstreams WHERE id = ?', id))[0];

describe('the console’s Relink by browser sign-in (reference §11)', () => {
  it('the same account signing in replaces the tokens in place, audited; nothing secret is kept', async () => {
    h = await startUpstreamHarness();
    const row = await brokenAccount();
    const started = await h.t.call('upstreams.relinkBrowserStart', { id: row.id });
    expect(started.authorizeUrl.startsWith(`${h.fake.issuer}/oauth/authorize?`)).toBe(true);
    expect(started.expiresAt).toBeGreaterThan(Date.now() + 9 * 60_000);
    expect(await h.row(row.id)).toMatchObject({ busy: true });

    const address = await h.fake.signInBrowser(started.authorizeUrl, 'ada@example.com');
    const landed = await h.t.call('upstreams.relinkBrowserPaste', { id: row.id, text: address });
    expect(landed).toMatchObject({ upstreamId: row.id, state: 'connected', via: 'browser' });
    expect(await h.row(row.id)).toMatchObject({ id: row.id, credentialState: 'ready', busy: false });
    expect((await h.row(row.id)).pools.map((p) => p.name)).toEqual(['Research']);
    expect((await h.t.call('upstreams.refresh', { id: row.id })).credentialState).toBe('ready');
    const [entry] = (await h.t.call('audit.list', { action: 'upstream.relinked' })).entries;
    expect(entry).toMatchObject({ details: { email: 'ada@example.com', via: 'console' } });

    // The state and code never reach the database or the log (the log is at trace here).
    const state = new URL(started.authorizeUrl).searchParams.get('state')!;
    const code = new URL(address).searchParams.get('code')!;
    for (const file of allFiles(h.t.dataDir)) {
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from(state)), file).toBe(false);
      expect(bytes.includes(Buffer.from(code)), file).toBe(false);
    }
  });

  it('another account signing in is account_mismatch: the stored tokens are byte-for-byte unchanged', async () => {
    h = await startUpstreamHarness();
    const row = await brokenAccount();
    const before = await sealedTokens(row.id);
    const outcome = await h.t.call('upstreams.relinkBrowserPaste', {
      id: row.id,
      text: await signIn(row.id, 'mallory@example.com'),
    });
    expect(outcome).toMatchObject({
      state: 'failed',
      failure: 'account_mismatch',
      approvedEmail: 'mallory@example.com',
    });
    expect(await sealedTokens(row.id)).toEqual(before);
    expect(await h.row(row.id)).toMatchObject({ credentialState: 'reauth_required', busy: false });
    expect((await h.t.call('audit.list', { action: 'upstream.relinked' })).entries).toHaveLength(0);
  });

  it('another attempt’s address is state_mismatch and changes nothing; the right one still lands', async () => {
    h = await startUpstreamHarness();
    const row = await brokenAccount();
    const stale = await signIn(row.id, 'ada@example.com');
    const { authorizeUrl } = await h.t.call('upstreams.relinkBrowserStart', { id: row.id });
    const refused = await paste(row.id, stale);
    expect(refused).toMatchObject({ ok: false, error: { code: 'state_mismatch' } });
    expect(JSON.stringify(refused)).not.toContain(new URL(stale).searchParams.get('code')!);
    expect(tokenRequests()).toBe(0);
    expect(await h.row(row.id)).toMatchObject({ credentialState: 'reauth_required', busy: true });
    const address = await h.fake.signInBrowser(authorizeUrl, 'ada@example.com');
    expect(await paste(row.id, address)).toMatchObject({ ok: true, data: { state: 'connected' } });
  });

  it('bad pastes are typed errors that echo nothing; a code is spent by its first paste', async () => {
    h = await startUpstreamHarness();
    const row = await brokenAccount();
    expect(await paste(row.id, 'http://localhost:1455/auth/callback?code=abc&state=xyz')).toMatchObject({
      ok: false,
      error: { code: 'not_active' },
    });
    const address = await signIn(row.id, 'ada@example.com');
    const secretish = 'https://evil.example/auth/callback?code=s3cr3t-code&state=x';
    for (const [text, code] of [
      [secretish, 'validation_failed'],
      ['not a code at all', 'validation_failed'],
      ['?state=abc', 'validation_failed'],
      ['x'.repeat(20_000), 'validation_failed'],
    ] as const) {
      const answer = await paste(row.id, text);
      expect(answer).toMatchObject({ ok: false, error: { code } });
      expect(JSON.stringify(answer)).not.toContain('s3cr3t');
    }
    expect(tokenRequests()).toBe(0);
    const [first, second] = await Promise.all([paste(row.id, address), paste(row.id, address)]);
    expect([first, second].map((a) => (a.ok ? (a.data as RelinkState).state : a.error.code)).sort()).toEqual([
      'connected',
      'not_active',
    ]);
    expect(tokenRequests()).toBe(1);
  });

  it('a refusal pasted back ends the relink as denied, or Codex not enabled; a late code is rejected', async () => {
    h = await startUpstreamHarness();
    const row = await brokenAccount();
    expect(
      await h.t.call('upstreams.relinkBrowserPaste', { id: row.id, text: await signIn(row.id, 'deny') }),
    ).toMatchObject({ state: 'failed', failure: 'denied' });
    h.fake.registerAccount({ email: 'ada@example.com', noCodexEntitlement: true });
    const refused = await signIn(row.id, 'ada@example.com');
    expect(await h.t.call('upstreams.relinkBrowserPaste', { id: row.id, text: refused })).toMatchObject({
      state: 'failed',
      failure: 'codex_not_enabled',
    });
    h.fake.registerAccount({ email: 'ada@example.com', noCodexEntitlement: false });
    h.fake.switches.browserCodeLifetimeSeconds = 0;
    const late = await paste(row.id, await signIn(row.id, 'ada@example.com'));
    expect(late).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', fields: { text: expect.any(String) } },
    });
    expect((await h.row(row.id)).credentialState).toBe('reauth_required');
  });

  it('switching between a code and the browser replaces the other way without reporting a cancellation', async () => {
    h = await startUpstreamHarness();
    const row = await brokenAccount();
    const events: RelinkState[] = [];
    h.t.core.subscribe((e) => {
      if (e.name === 'upstreams.relink') events.push(e.payload);
    });
    const code = await h.t.call('upstreams.relinkStart', { id: row.id });
    const { authorizeUrl } = await h.t.call('upstreams.relinkBrowserStart', { id: row.id });
    // The code it replaced is no longer polled: approving it changes nothing here.
    const polls = (userCode: string | null) => calls('/api/accounts/deviceauth/token', (b) => b.user_code === userCode);
    const replacedPolls = polls(code.userCode);
    expect(h.fake.approve(code.userCode!, 'ada@example.com')).toBe('approved');
    const back = await h.t.call('upstreams.relinkStart', { id: row.id });
    expect(back).toMatchObject({ state: 'pending', via: 'code' });
    expect(back.userCode).not.toBe(code.userCode);
    expect(events.map((e) => [e.state, e.via])).toEqual([['pending', 'browser']]);
    // The browser attempt went with the switch back: its address is not taken.
    const address = await h.fake.signInBrowser(authorizeUrl, 'ada@example.com');
    expect(await paste(row.id, address)).toMatchObject({ ok: false, error: { code: 'not_active' } });
    expect(h.fake.approve(back.userCode!, 'ada@example.com')).toBe('approved');
    // The fake's poll interval is a second.
    await expect.poll(async () => (await h.row(row.id)).credentialState, { timeout: 10_000 }).toBe('ready');
    // The new code took at least one poll interval to land; the replaced one was not asked after in it.
    expect(polls(back.userCode)).toBeGreaterThan(0);
    expect(polls(code.userCode)).toBe(replacedPolls);
    expect((await h.t.call('audit.list', { action: 'upstream.relinked' })).entries).toHaveLength(1);
  });

  it('an unknown or malformed account id is refused before any sign-in starts', async () => {
    h = await startUpstreamHarness();
    const missing = 'upstream-0123456789abcdef01234567';
    expect(await h.t.raw('upstreams.relinkBrowserStart', { id: missing })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await h.t.raw('upstreams.relinkBrowserStart', { id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'validation_failed' },
    });
  });
});
