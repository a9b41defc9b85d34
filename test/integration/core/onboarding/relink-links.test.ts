import { afterEach, describe, expect, it } from 'vitest';
import type { UpstreamRow } from '../../../../shared/contract';
import { startOnboardingHarness, type OnboardingHarness } from '../../../support/onboarding-harness';
import { authJsonFor } from '../../../support/upstream-harness';

let h: OnboardingHarness;
afterEach(() => h?.dispose());

/** An account in the Pool (imported), whose refresh token the fake then kills: reauth_required. */
async function brokenAccount(email: string): Promise<UpstreamRow> {
  const file = authJsonFor(h.fake.mintTokens(email));
  const row = await h.t.call('upstreams.importAuth', { poolId: h.poolId, file });
  h.fake.invalidateRefreshTokens(email);
  expect((await h.t.call('upstreams.refresh', { id: row.id })).credentialState).toBe('reauth_required');
  return row;
}

const row = async (id: string) => (await h.t.call('upstreams.list', {})).upstreams.find((u) => u.id === id);

/** The sealed token columns as stored: untouched means byte for byte. */
const storedTokens = async (id: string) =>
  (
    await h.t.query('SELECT access_token, refresh_token, id_token, credential_state FROM upstreams WHERE id = ?', id)
  )[0];

const approveLatest = (email: string) => expect(h.fake.approve(h.fake.latestUserCode() ?? '', email)).toBe('approved');

describe('relink links', () => {
  it('restore a broken account in place when its owner approves: tokens replaced, Pools and id kept', async () => {
    h = await startOnboardingHarness();
    const growth = (await h.t.call('pools.create', { name: 'Growth' })).id;
    const broken = await brokenAccount('ada@example.com');
    await h.t.call('upstreams.importAuth', {
      poolId: growth,
      file: authJsonFor(h.fake.mintTokens('ada@example.com')),
    });
    h.fake.invalidateRefreshTokens('ada@example.com');
    await h.t.call('upstreams.refresh', { id: broken.id });
    expect(await row(broken.id)).toMatchObject({ needsRelink: true, relinkLink: null });

    const issued = await h.t.call('upstreams.relinkLink', { id: broken.id, expiry: '7d', sendEmail: false });
    expect(issued.invite).toMatchObject({ kind: 'relink', email: 'ada@example.com', upstreamId: broken.id });
    expect(issued.invite.poolName).toBe('Research');
    expect((await row(broken.id))?.relinkLink).toEqual({
      inviteId: issued.invite.id,
      expiresAt: issued.invite.expiresAt,
    });

    const ready = await h.state(issued.url);
    expect(ready).toMatchObject({ view: 'ready', invite: { kind: 'relink', poolName: 'Research' } });
    await h.start(issued.url);
    approveLatest('ada@example.com');
    expect(await h.until(issued.url, 'connected')).toMatchObject({
      view: 'connected',
      kind: 'relink',
      poolName: 'Research',
      accountEmail: 'ada@example.com',
    });

    const after = await row(broken.id);
    expect(after).toMatchObject({ credentialState: 'ready', needsRelink: false, relinkLink: null });
    expect(after?.pools.map((p) => p.name)).toEqual(['Growth', 'Research']);
    expect((await h.t.call('upstreams.list', {})).upstreams).toHaveLength(1);
    // The new refresh token works: the account is usable again.
    expect((await h.t.call('upstreams.refresh', { id: broken.id })).credentialState).toBe('ready');

    expect(await h.t.call('invites.get', { id: issued.invite.id })).toMatchObject({
      kind: 'relink',
      status: 'accepted',
      acceptedByEmail: 'ada@example.com',
      upstreamId: broken.id,
    });
    expect(await h.t.call('invites.retrieve', { id: issued.invite.id })).toMatchObject({
      object: 'pool.invite',
      kind: 'relink',
      upstream_id: broken.id,
    });
    const lineage = await h.t.query(
      'SELECT event, invite_id AS "inviteId" FROM upstream_lineage WHERE upstream_id = ? ORDER BY seq',
      broken.id,
    );
    expect(lineage).toEqual([
      { event: 'import', inviteId: null },
      { event: 'import', inviteId: null },
      { event: 'relink', inviteId: issued.invite.id },
    ]);
    const relinked = (await h.t.call('audit.list', { action: 'upstream.relinked' })).entries;
    expect(relinked).toHaveLength(1);
    expect(relinked[0]).toMatchObject({
      actor: { kind: 'invitee' },
      details: { email: 'ada@example.com', via: 'link' },
    });
    expect((await h.t.call('audit.list', { action: 'invite.relink_created' })).entries[0]).toMatchObject({
      details: { email: 'ada@example.com', poolName: 'Research', upstreamId: broken.id, emailRequested: false },
    });
  });

  it('refuse a different account, even under the same email, and leave the tokens and the link as they were', async () => {
    h = await startOnboardingHarness();
    const broken = await brokenAccount('ada@example.com');
    const issued = await h.t.call('upstreams.relinkLink', { id: broken.id, expiry: '24h', sendEmail: false });
    const before = await storedTokens(broken.id);

    await h.start(issued.url);
    approveLatest('mallory@example.com');
    expect(await h.until(issued.url, 'error')).toMatchObject({
      failure: 'account_mismatch',
      accountEmail: 'mallory@example.com',
    });
    expect(await storedTokens(broken.id)).toEqual(before);

    // Same email, another workspace: the email alone never restores an account.
    h.fake.registerAccount({ email: 'ada@example.com', accountId: '00000000-0000-4000-a000-000000000000' });
    await h.start(issued.url, true);
    approveLatest('ada@example.com');
    expect(await h.until(issued.url, 'error')).toMatchObject({ failure: 'account_mismatch' });
    expect(await storedTokens(broken.id)).toEqual(before);
    expect((await h.t.call('invites.get', { id: issued.invite.id })).status).toBe('active');
    const failures = (await h.t.call('audit.list', { action: 'invite.onboarding_failed' })).entries;
    expect(failures.map((e) => e.details)).toEqual([
      expect.objectContaining({ reason: 'account_mismatch', accountEmail: 'ada@example.com' }),
      expect.objectContaining({ reason: 'account_mismatch', accountEmail: 'mallory@example.com' }),
    ]);
  });

  it('are issued only for accounts that need one, one active at a time, and die with the account', async () => {
    h = await startOnboardingHarness();
    const healthy = await h.t.call('upstreams.importAuth', {
      poolId: h.poolId,
      file: authJsonFor(h.fake.mintTokens('bob@example.com')),
    });
    const refused = await h.t.raw('upstreams.relinkLink', { id: healthy.id, expiry: '24h', sendEmail: false });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_active' } });

    const broken = await brokenAccount('ada@example.com');
    const issued = await h.t.call('upstreams.relinkLink', { id: broken.id, expiry: '24h', sendEmail: false });
    const twice = await h.t.raw('upstreams.relinkLink', { id: broken.id, expiry: '24h', sendEmail: false });
    expect(twice).toMatchObject({ ok: false, error: { code: 'invite_exists' } });
    expect(await h.t.raw('upstreams.relinkLink', { id: broken.id, expiry: '24h', sendEmail: true })).toMatchObject({
      ok: false,
      error: { code: 'smtp_not_configured' },
    });
    // An invite for the same email and Pool is another rule, and not blocked by the relink link.
    await h.t.call('invites.create', { poolId: h.poolId, email: 'ada@example.com', expiry: '1h', sendEmail: false });

    expect((await h.t.call('invites.list', { kind: 'relink' })).invites.map((i) => i.id)).toEqual([issued.invite.id]);
    expect((await h.t.call('invites.list', { kind: 'invite' })).invites.map((i) => i.kind)).toEqual(['invite']);

    await h.t.call('upstreams.removeFromPool', { id: broken.id, poolId: h.poolId, deleteAccount: true });
    expect((await h.t.call('invites.get', { id: issued.invite.id })).status).toBe('revoked');
    expect(await h.state(issued.url)).toEqual({ view: 'unavailable' });
  });

  it('an owner approving while the account was deleted meanwhile finds the link unavailable', async () => {
    h = await startOnboardingHarness();
    const broken = await brokenAccount('ada@example.com');
    const issued = await h.t.call('upstreams.relinkLink', { id: broken.id, expiry: '24h', sendEmail: false });
    await h.start(issued.url);
    await h.t.call('upstreams.removeFromPool', { id: broken.id, poolId: h.poolId, deleteAccount: true });
    h.fake.approve(h.fake.latestUserCode() ?? '', 'ada@example.com');
    await h.outlastPoll();
    expect(await h.state(issued.url)).toEqual({ view: 'unavailable' });
    expect((await h.t.call('upstreams.list', {})).upstreams.map((u) => u.email)).not.toContain('ada@example.com');
  });

  describe('racing the operator’s in-console relink: exactly one wins', () => {
    const relinkEvents = () => {
      const seen: { state: string; failure: string | null }[] = [];
      h.t.core.subscribe((e) => {
        if (e.name === 'upstreams.relink') seen.push(e.payload);
      });
      return seen;
    };

    it('the link first: the console relink ends as done by the link', async () => {
      h = await startOnboardingHarness();
      const broken = await brokenAccount('ada@example.com');
      const seen = relinkEvents();
      const issued = await h.t.call('upstreams.relinkLink', { id: broken.id, expiry: '24h', sendEmail: false });
      const console = await h.t.call('upstreams.relinkStart', { id: broken.id });
      await h.start(issued.url);
      approveLatest('ada@example.com');
      await h.until(issued.url, 'connected');
      expect(seen.at(-1)).toMatchObject({ state: 'failed', failure: 'relinked_by_link' });
      // Approving the console's code now changes nothing: its relink is over.
      h.fake.approve(console.userCode!, 'ada@example.com');
      await h.outlastPoll();
      expect((await h.t.call('audit.list', { action: 'upstream.relinked' })).entries).toHaveLength(1);
    });

    it('the link first while the console waits on a browser sign-in: the operator’s paste changes nothing', async () => {
      h = await startOnboardingHarness();
      const broken = await brokenAccount('ada@example.com');
      const seen = relinkEvents();
      const issued = await h.t.call('upstreams.relinkLink', { id: broken.id, expiry: '24h', sendEmail: false });
      const { authorizeUrl } = await h.t.call('upstreams.relinkBrowserStart', { id: broken.id });
      await h.start(issued.url);
      approveLatest('ada@example.com');
      await h.until(issued.url, 'connected');
      expect(seen.at(-1)).toMatchObject({ state: 'failed', via: 'browser', failure: 'relinked_by_link' });
      const address = await h.fake.signInBrowser(authorizeUrl, 'ada@example.com');
      expect(await h.t.raw('upstreams.relinkBrowserPaste', { id: broken.id, text: address })).toMatchObject({
        ok: false,
        error: { code: 'not_active' },
      });
      const relinked = (await h.t.call('audit.list', { action: 'upstream.relinked' })).entries;
      expect(relinked.map((e) => e.details)).toEqual([{ email: 'ada@example.com', via: 'link' }]);
    });

    it('the console first: the link is revoked in the same write and its page is unavailable', async () => {
      h = await startOnboardingHarness();
      const broken = await brokenAccount('ada@example.com');
      const seen = relinkEvents();
      const issued = await h.t.call('upstreams.relinkLink', { id: broken.id, expiry: '24h', sendEmail: false });
      await h.start(issued.url);
      const linkCode = h.fake.latestUserCode() ?? '';
      const console = await h.t.call('upstreams.relinkStart', { id: broken.id });
      h.fake.approve(console.userCode!, 'ada@example.com');
      for (let i = 0; i < 100 && seen.at(-1)?.state !== 'connected'; i++) await new Promise((r) => setTimeout(r, 100));
      expect(seen.at(-1)?.state).toBe('connected');
      expect((await h.t.call('invites.get', { id: issued.invite.id })).status).toBe('revoked');
      h.fake.approve(linkCode, 'ada@example.com');
      await h.outlastPoll();
      expect(await h.state(issued.url)).toEqual({ view: 'unavailable' });
      const relinked = (await h.t.call('audit.list', { action: 'upstream.relinked' })).entries;
      expect(relinked.map((e) => e.details)).toEqual([{ email: 'ada@example.com', via: 'console' }]);
    });
  });
});
