import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { allFiles } from '../../../support/data-files';
import { storedBytes } from '../../../support/db-snapshot';
import { startOnboardingHarness, type OnboardingHarness } from '../../../support/onboarding-harness';
import { tokenOf } from '../../../support/invite-fixtures';
import { freePort } from '../../../support/free-port';

let h: OnboardingHarness;
afterEach(() => h.dispose());

const row = async (sql: string, ...params: unknown[]) => (await h.t.query(sql, ...params))[0];

describe('hosted onboarding, end to end against the fake OpenAI', () => {
  it('ready → pending → approved → connected: the invite is accepted and the account linked', async () => {
    h = await startOnboardingHarness();
    const issued = await h.invite('bob@example.com');
    expect(issued.url.startsWith(await h.t.publicUrl())).toBe(true);
    const ready = await h.page(issued.url);
    expect(ready.status).toBe(200);
    expect(ready.state).toEqual({
      view: 'ready',
      invite: {
        kind: 'invite',
        poolName: 'Research',
        email: 'bob@example.com',
        inviter: 'Ada Lovelace',
        expiresAt: issued.invite.expiresAt,
      },
    });
    expect(ready.html).not.toContain(tokenOf(issued));

    const pending = await h.start(issued.url);
    expect(pending).toMatchObject({
      view: 'pending',
      userCode: h.fake.latestUserCode(),
      verificationUrl: `${h.fake.issuer}/codex/device`,
    });
    expect((await h.page(issued.url)).state).toMatchObject({ view: 'pending', userCode: h.fake.latestUserCode() });

    expect(h.fake.approve(h.fake.latestUserCode()!, 'bob@example.com')).toBe('approved');
    expect(await h.until(issued.url, 'connected')).toMatchObject({
      view: 'connected',
      kind: 'invite',
      poolName: 'Research',
      accountEmail: 'bob@example.com',
    });
    // The receipt: the account's usage is read once right after, and the page says what it found
    // (the fake's default reading: the 5-hour window 27 % used).
    for (let i = 0; i < 100 && (await h.state(issued.url)).view === 'connected'; i++) {
      const now = await h.state(issued.url);
      if (now.view === 'connected' && now.receipt) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await h.state(issued.url)).toMatchObject({ receipt: { plan: 'plus', fiveHourLeft: 73, problem: null } });

    const invite = await h.t.call('invites.retrieve', { id: issued.invite.id });
    expect(invite).toMatchObject({
      status: 'accepted',
      accepted_by_email: 'bob@example.com',
      upstream_id: expect.stringMatching(/^upstream-/),
    });
    const upstream = await row('SELECT * FROM upstreams WHERE id = ?', invite.upstream_id);
    expect(upstream).toMatchObject({ email: 'bob@example.com', plan_type: 'plus', credential_state: 'ready' });
    expect(Buffer.isBuffer(upstream!.access_token)).toBe(true);
    expect(await row('SELECT pool_id FROM upstream_pools WHERE upstream_id = ?', invite.upstream_id)).toEqual({
      pool_id: h.poolId,
    });
    expect(await row('SELECT state, device FROM onboarding_sessions')).toEqual({ state: 'connected', device: null });
    const actions = (await h.t.call('audit.list', {})).entries.map((e) => `${e.action}:${e.actor.name}`);
    expect(actions.slice(0, 2)).toEqual(['upstream.linked:bob@example.com', 'invite.accepted:bob@example.com']);
  });

  it('keeps OAuth tokens, device ids and user codes sealed: never in the data folder, the audit log or a channel', async () => {
    h = await startOnboardingHarness();
    const issued = await h.invite('bob@example.com');
    await h.start(issued.url);
    const userCode = h.fake.latestUserCode()!;
    h.fake.approve(userCode, 'bob@example.com');
    await h.until(issued.url, 'connected');
    const deviceId = (
      h.fake.requests.find((r) => r.path === '/api/accounts/deviceauth/token')!.body as { device_auth_id: string }
    ).device_auth_id;
    const [tokens] = h.fake.issuedTokens;
    const secrets = [tokens!.accessToken, tokens!.refreshToken, tokens!.idToken, deviceId, userCode];
    // The JWTs' payload segments too: a token split or re-encoded must not leak either.
    secrets.push(...[tokens!.accessToken, tokens!.idToken].map((jwt) => jwt.split('.')[1]!));
    // The database's rows (SQLite's or PostgreSQL's), and every file in the data folder (SQLite's own among them).
    const rows = await storedBytes(h.t);
    for (const secret of secrets) expect(rows.includes(Buffer.from(secret)), 'a row holds a secret').toBe(false);
    const files = allFiles(h.t.dataDir);
    if (h.t.services.sqlite) expect(files.some((f) => f.endsWith('pooler.db-wal'))).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const secret of secrets) expect(bytes.includes(Buffer.from(secret)), `${file} holds a secret`).toBe(false);
    }
    const outputs = JSON.stringify([
      await h.t.call('audit.list', { limit: 200 }),
      await h.t.call('invites.list', {}),
      await h.t.call('invites.retrieve', { id: issued.invite.id }),
    ]);
    for (const secret of secrets) expect(outputs).not.toContain(secret);
  });

  it('refuses an account whose email is not the invite’s, keeps the invite active, and lets the right one retry', async () => {
    h = await startOnboardingHarness();
    const issued = await h.invite('bob@example.com');
    await h.start(issued.url);
    h.fake.approve(h.fake.latestUserCode()!, 'mallory@example.com');
    expect(await h.until(issued.url, 'error')).toMatchObject({
      view: 'error',
      failure: 'email_mismatch',
      accountEmail: 'mallory@example.com',
    });
    expect((await h.t.call('invites.get', { id: issued.invite.id })).status).toBe('active');
    expect(await row('SELECT count(*) AS n FROM upstreams')).toEqual({ n: 0 });
    const [failed] = (await h.t.call('audit.list', { action: 'invite.onboarding_failed' })).entries;
    expect(failed?.details).toMatchObject({
      reason: 'email_mismatch',
      accountEmail: 'mallory@example.com',
      email: 'bob@example.com',
    });

    await h.start(issued.url);
    h.fake.approve(h.fake.latestUserCode()!, 'bob@example.com');
    await h.until(issued.url, 'connected');
  });

  it('a denial stops with denied; an expired code with code_expired', async () => {
    h = await startOnboardingHarness({ switches: { codeLifetimeSeconds: 2 } });
    const denied = await h.invite('bob@example.com');
    await h.start(denied.url);
    h.fake.deny(h.fake.latestUserCode()!);
    expect(await h.until(denied.url, 'error')).toMatchObject({ failure: 'denied' });
    const expiring = await h.invite('carol@example.com');
    await h.start(expiring.url);
    expect(await h.until(expiring.url, 'error', 8_000)).toMatchObject({ failure: 'code_expired' });
  });

  it('slows down when told to, then succeeds', { timeout: 30_000 }, async () => {
    h = await startOnboardingHarness({ switches: { slowDownPolls: 1 } });
    const issued = await h.invite('bob@example.com');
    await h.start(issued.url);
    h.fake.approve(h.fake.latestUserCode()!, 'bob@example.com');
    const started = Date.now();
    await h.until(issued.url, 'connected', 20_000);
    // 1 s, then slow_down: the next poll waits the interval plus 5 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(5_000);
    expect(await row('SELECT interval_seconds FROM onboarding_sessions')).toEqual({ interval_seconds: 6 });
  });

  it('rides out a burst of 5xx answers', async () => {
    h = await startOnboardingHarness({ switches: { failingPolls: 3 } });
    const issued = await h.invite('bob@example.com');
    await h.start(issued.url);
    h.fake.approve(h.fake.latestUserCode()!, 'bob@example.com');
    await h.until(issued.url, 'connected', 20_000);
    const polls = h.fake.requests.filter((r) => r.path === '/api/accounts/deviceauth/token').length;
    expect(polls).toBeGreaterThanOrEqual(4);
  });

  it('never accepts a revoked invite: the session ends at once and approving does nothing', async () => {
    h = await startOnboardingHarness();
    const issued = await h.invite('bob@example.com');
    await h.start(issued.url);
    await h.t.call('invites.revoke', { id: issued.invite.id });
    expect((await h.page(issued.url)).status).toBe(404);
    // Ended as the revoke is announced (its reads follow the commit), not at the code's next poll.
    await expect
      .poll(() => row('SELECT state, failure FROM onboarding_sessions'), { timeout: 2_000 })
      .toEqual({
        state: 'failed',
        failure: 'invite_unavailable',
      });
    const code = h.fake.latestUserCode()!;
    h.fake.approve(code, 'bob@example.com');
    const polls = h.pollsFor(code);
    await h.outlastPoll();
    expect(h.pollsFor(code)).toBe(polls);
    expect((await h.t.call('invites.get', { id: issued.invite.id })).status).toBe('revoked');
    expect(await row("SELECT count(*) AS n FROM upstreams WHERE email = 'bob@example.com'")).toEqual({ n: 0 });
  });

  it('an invite that expires while its code is pending is polled no more, and approving then does nothing', async () => {
    let shift = 0;
    // A code that outlives the invite: OpenAI's code lives 2 h here, the invite 1 h.
    h = await startOnboardingHarness({ now: () => Date.now() + shift, switches: { codeLifetimeSeconds: 7200 } });
    const issued = await h.invite('bob@example.com', '1h');
    shift = 59 * 60_000;
    await h.start(issued.url);
    const code = h.fake.latestUserCode()!;
    await expect.poll(() => h.pollsFor(code), { timeout: 5_000 }).toBeGreaterThan(0);
    shift = 61 * 60_000;
    await expect
      .poll(async () => await row('SELECT state, failure FROM onboarding_sessions'), { timeout: 5_000 })
      .toEqual({ state: 'failed', failure: 'invite_unavailable' });
    const polls = h.pollsFor(code);
    h.fake.approve(code, 'bob@example.com');
    await h.outlastPoll();
    expect(h.pollsFor(code)).toBe(polls);
    expect((await h.page(issued.url)).status).toBe(410);
    expect(await row("SELECT count(*) AS n FROM upstreams WHERE email = 'bob@example.com'")).toEqual({ n: 0 });
  });

  it('a reissue makes the old URL unavailable and ends its session', async () => {
    h = await startOnboardingHarness();
    const issued = await h.invite('bob@example.com');
    await h.start(issued.url);
    const oldCode = h.fake.latestUserCode()!;
    const reissued = await h.t.services.invites.reissue(
      issued.invite.id,
      { kind: 'operator', name: 'Ada' },
      { emailRequested: false },
    );
    const old = await h.page(issued.url);
    expect(old.status).toBe(404);
    expect(old.state).toEqual({ view: 'unavailable' });
    expect((await h.page(reissued.url)).state).toMatchObject({ view: 'ready' });
    h.fake.approve(oldCode, 'bob@example.com');
    const polls = h.pollsFor(oldCode);
    await h.outlastPoll();
    expect(h.pollsFor(oldCode)).toBe(polls);
    expect((await h.t.call('invites.get', { id: issued.invite.id })).status).toBe('active');
  });

  it('resumes a pending session after the console restarts, and completes it', async () => {
    h = await startOnboardingHarness({ port: await freePort() });
    const issued = await h.invite('bob@example.com');
    await h.start(issued.url);
    const code = h.fake.latestUserCode()!;
    await h.restart();
    expect((await h.page(issued.url)).state).toMatchObject({ view: 'pending', userCode: code });
    h.fake.approve(code, 'bob@example.com');
    await h.until(issued.url, 'connected');
    expect((await h.t.call('invites.get', { id: issued.invite.id })).status).toBe('accepted');
  });

  it('shows Unavailable with a 404 for an unknown token, and Expired with a 410', async () => {
    h = await startOnboardingHarness();
    const base = await h.t.publicUrl();
    const unknown = await h.page(`${base}/onboarding/invites/${'A'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.state).toEqual({ view: 'unavailable' });
    expect(unknown.html).not.toContain('A'.repeat(43));
    const junk = await h.page(`${base}/onboarding/invites/%3Cscript%3E`);
    expect(junk.status).toBe(404);
    expect(junk.html).not.toContain('<script>alert');
    const issued = await h.invite('bob@example.com', '1h');
    await h.t.query('UPDATE invites SET expires_at = ? WHERE id = ?', Date.now() - 1000, issued.invite.id);
    const expired = await h.page(issued.url);
    expect(expired.status).toBe(410);
    expect(expired.state).toEqual({ view: 'expired' });
    expect(await h.start(issued.url)).toEqual({ view: 'expired' });
  });
});
