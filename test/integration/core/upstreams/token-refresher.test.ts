import { afterEach, describe, expect, it } from 'vitest';
import { startUpstreamHarness, type UpstreamHarness } from '../../../support/upstream-harness';

const REFRESH_PATH = '/oauth/token';

describe('token refresh', () => {
  let h: UpstreamHarness;
  afterEach(() => h?.dispose());

  const refreshCalls = () =>
    h.fake.requests.filter(
      (r) => r.path === REFRESH_PATH && (r.body as { grant_type?: string }).grant_type === 'refresh_token',
    );

  it('sends the JSON body Codex sends, and stores the rotated pair together', async () => {
    h = await startUpstreamHarness();
    const account = await h.account('ada@example.com');
    const before = h.fake.issuedTokens.length;
    const refreshed = await h.t.call('upstreams.refresh', { id: account.id });
    expect(refreshCalls()).toHaveLength(1);
    expect(refreshCalls()[0]!.contentType).toContain('application/json');
    expect(refreshCalls()[0]!.body).toEqual({
      client_id: 'app_EMoamEEZ73f0CkXaXp7hrann',
      grant_type: 'refresh_token',
      refresh_token: h.fake.issuedTokens[before - 1]!.refreshToken,
    });
    expect(refreshed.credentialState).toBe('ready');
    expect(refreshed.lastRefreshAt).not.toBeNull();
    // The rotated refresh token was saved: a second refresh uses it, and the fake accepts it.
    await h.t.call('upstreams.refresh', { id: account.id });
    expect(refreshCalls()[1]!.body).toMatchObject({ refresh_token: h.fake.issuedTokens.at(-2)!.refreshToken });
    expect((await h.row(account.id)).credentialState).toBe('ready');
    const audit = (await h.t.call('audit.list', { action: 'upstream.refreshed' })).entries;
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain('rt_');
  });

  it('keeps the stored refresh token when the answer leaves it out', async () => {
    h = await startUpstreamHarness({ switches: { refreshKeepsRefreshToken: true } });
    const account = await h.account('ada@example.com');
    const original = h.fake.issuedTokens.at(-1)!.refreshToken;
    await h.t.call('upstreams.refresh', { id: account.id });
    await h.t.call('upstreams.refresh', { id: account.id });
    expect(refreshCalls().map((c) => (c.body as { refresh_token: string }).refresh_token)).toEqual([
      original,
      original,
    ]);
    expect((await h.row(account.id)).credentialState).toBe('ready');
  });

  it('makes one HTTP call for concurrent refresh requests', async () => {
    h = await startUpstreamHarness();
    const account = await h.account('ada@example.com');
    // Ten at once, the way ten consoles' presses reach the service: one refresh answers them all.
    const results = await Promise.all(
      Array.from({ length: 10 }, () => h.t.services.upstreams.refresh(account.id, { kind: 'operator', name: 'Ada' })),
    );
    expect(refreshCalls()).toHaveLength(1);
    expect(new Set(results.map((r) => r.credentialState))).toEqual(new Set(['ready']));
  });

  it.each([
    ['refresh_token_expired', 'refresh_token_expired'],
    ['refresh_token_invalidated', 'refresh_token_invalidated'],
    ['invalid_grant', 'invalid_grant'],
    ['401', 'unauthorized'],
  ] as const)('a %s answer needs a relink (reauth_required: %s)', async (failure, reason) => {
    h = await startUpstreamHarness();
    const account = await h.account('ada@example.com');
    h.fake.switches.refreshFailure = failure;
    const row = await h.t.call('upstreams.refresh', { id: account.id });
    expect(row.credentialState).toBe('reauth_required');
    expect(row.credentialReason).toBe(reason);
    // Dead: no more refreshes are tried, by hand or by the job.
    expect((await h.t.raw('upstreams.refresh', { id: account.id })).ok).toBe(false);
    await h.t.services.upstreams.jobs.sweep();
    expect(refreshCalls()).toHaveLength(1);
    const [entry] = (await h.t.call('audit.list', { action: 'upstream.refresh_failed' })).entries;
    expect(entry!.details).toMatchObject({ reason, permanent: true });
  });

  it('a reused refresh token (another copy refreshed first) needs a relink', async () => {
    h = await startUpstreamHarness();
    const account = await h.account('ada@example.com');
    // Someone else holding the same refresh token uses it first.
    const stolen = h.fake.issuedTokens.at(-1)!.refreshToken;
    await fetch(`${h.fake.issuer}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        client_id: 'app_EMoamEEZ73f0CkXaXp7hrann',
        grant_type: 'refresh_token',
        refresh_token: stolen,
      }),
    });
    const row = await h.t.call('upstreams.refresh', { id: account.id });
    expect(row.credentialState).toBe('reauth_required');
    expect(row.credentialReason).toBe('refresh_token_reused');
  });

  it('a 5xx is refresh_failed, retried later with backoff, and recovers', async () => {
    h = await startUpstreamHarness();
    const account = await h.account('ada@example.com');
    h.fake.switches.refreshFailure = '500';
    const failed = await h.t.call('upstreams.refresh', { id: account.id });
    expect(failed.credentialState).toBe('refresh_failed');
    expect(failed.credentialReason).toBe('http_500');
    // Not due again at once: the job waits out the backoff.
    await h.t.services.upstreams.jobs.sweep();
    expect(refreshCalls()).toHaveLength(1);
    h.fake.switches.refreshFailure = null;
    await h.t.query('UPDATE upstreams SET next_refresh_at = ? WHERE id = ?', Date.now() - 1000, account.id);
    await h.t.services.upstreams.jobs.sweep();
    expect(refreshCalls()).toHaveLength(2);
    expect((await h.row(account.id)).credentialState).toBe('ready');
  });

  it('the job refreshes a token that expires within 5 minutes, and leaves a later one alone', async () => {
    h = await startUpstreamHarness({ switches: { accessTokenLifetimeSeconds: 240 } });
    const soon = await h.account('soon@example.com');
    h.fake.switches.accessTokenLifetimeSeconds = 3600;
    const later = await h.account('later@example.com');
    expect(soon.credentialState).toBe('refresh_due');
    expect(later.credentialState).toBe('ready');
    await h.t.services.upstreams.jobs.sweep();
    expect(refreshCalls()).toHaveLength(1);
    expect((await h.row(soon.id)).credentialState).toBe('ready');
  });

  it('a refresh cut off by a restart marks the account for a relink instead of retrying a spent token', async () => {
    h = await startUpstreamHarness();
    const account = await h.account('ada@example.com');
    // The console stopped after the request left and before its answer was saved.
    // Long enough ago that no live server can still be waiting for that answer (several servers
    // may share a PostgreSQL database; a lone console recovers every mark at start).
    await h.t.query('UPDATE upstreams SET refresh_started_at = ? WHERE id = ?', Date.now() - 3 * 60_000, account.id);
    h.t = await h.t.restart();
    await expect.poll(async () => (await h.row(account.id)).credentialState).toBe('reauth_required');
    const row = await h.row(account.id);
    expect(row.credentialState).toBe('reauth_required');
    expect(row.credentialReason).toBe('refresh_interrupted');
    await h.t.services.upstreams.jobs.sweep();
    expect(refreshCalls()).toHaveLength(0);
  });
});
