import { afterEach, describe, expect, it } from 'vitest';
import { quotaWindowLabel } from '../../../../shared/format/quota-window';
import { startUpstreamHarness, type UpstreamHarness } from '../../../support/upstream-harness';

describe('quota reads', () => {
  let h: UpstreamHarness;
  afterEach(() => h?.dispose());

  const usageCalls = () => h.fake.requests.filter((r) => r.path === '/backend-api/wham/usage');
  const labels = (row: { quota: { windows: { seconds: number }[] } }) =>
    row.quota.windows.map((w) => quotaWindowLabel(w.seconds));

  it('is unknown before the first read, then holds both windows by their length', async () => {
    h = await startUpstreamHarness();
    const account = await h.account('ada@example.com');
    expect(account.quota).toMatchObject({ observedAt: null, windows: [] });
    h.fake.setUsage('ada@example.com', { kind: 'both', fiveHourUsed: 27, weeklyUsed: 4 });
    const started = Date.now();
    const row = await h.t.call('upstreams.checkQuota', { id: account.id });
    expect(labels(row)).toEqual(['5h', 'Weekly']);
    expect(row.quota.windows.map((w) => w.usedPercent)).toEqual([27, 4]);
    expect(row.quota.windows[0]!.resetAt).toBeGreaterThan(started);
    expect(row.quota.observedAt).toBeGreaterThanOrEqual(started);
    expect(row.quota.limitReached).toBe(false);
    expect(row.planType).toBe('plus');
  });

  it('sends the bearer token and ChatGPT-Account-Id the fake checks', async () => {
    h = await startUpstreamHarness();
    const account = await h.account('ada@example.com');
    await h.t.call('upstreams.checkQuota', { id: account.id });
    // The fake answers 403 on an account mismatch and 401 on a bad token: a reading proves both.
    expect((await h.row(account.id)).quota.error).toBeNull();
    expect(usageCalls()).toHaveLength(1);
  });

  it('a weekly-only account has one window, labelled Weekly though it sits in the primary slot', async () => {
    h = await startUpstreamHarness();
    const account = await h.account('free@example.com');
    h.fake.setUsage('free@example.com', { kind: 'weekly-only', weeklyUsed: 12 });
    const row = await h.t.call('upstreams.checkQuota', { id: account.id });
    expect(labels(row)).toEqual(['Weekly']);
    expect(row.quota.windows[0]!.usedPercent).toBe(12);
  });

  it('a monthly window is Monthly; an exhausted account says limit reached', async () => {
    h = await startUpstreamHarness();
    const monthly = await h.account('monthly@example.com');
    const exhausted = await h.account('spent@example.com');
    h.fake.setUsage('monthly@example.com', { kind: 'monthly', used: 40 });
    h.fake.setUsage('spent@example.com', { kind: 'exhausted' });
    expect(labels(await h.t.call('upstreams.checkQuota', { id: monthly.id }))).toEqual(['Monthly']);
    const spent = await h.t.call('upstreams.checkQuota', { id: exhausted.id });
    expect(spent.quota.limitReached).toBe(true);
    expect(spent.quota.windows[0]).toMatchObject({ seconds: 18_000, usedPercent: 100 });
  });

  it('no limits (rate_limit null) is a reading with no windows, not an error', async () => {
    h = await startUpstreamHarness();
    const account = await h.account('ada@example.com');
    h.fake.setUsage('ada@example.com', { kind: 'no-limits' });
    const row = await h.t.call('upstreams.checkQuota', { id: account.id });
    expect(row.quota).toMatchObject({ windows: [], error: null, limitReached: false });
    expect(row.quota.observedAt).not.toBeNull();
  });

  it('a 401 (expired access token) refreshes once and reads again', async () => {
    h = await startUpstreamHarness();
    const account = await h.account('ada@example.com');
    h.fake.expireAccessTokens('ada@example.com');
    const row = await h.t.call('upstreams.checkQuota', { id: account.id });
    expect(usageCalls()).toHaveLength(2);
    expect(h.fake.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(1);
    expect(row.quota.error).toBeNull();
    expect(row.quota.windows).toHaveLength(2);
    expect(row.credentialState).toBe('ready');
  });

  it('a 401 whose refresh fails stops there: one read, the account needs a relink', async () => {
    h = await startUpstreamHarness();
    const account = await h.account('ada@example.com');
    h.fake.expireAccessTokens('ada@example.com');
    h.fake.invalidateRefreshTokens('ada@example.com');
    const row = await h.t.call('upstreams.checkQuota', { id: account.id });
    expect(usageCalls()).toHaveLength(1);
    expect(row.credentialState).toBe('reauth_required');
    expect(row.quota.error).toBe('token_expired');
  });

  it('a failed read keeps the last windows and records why', async () => {
    h = await startUpstreamHarness();
    const account = await h.account('ada@example.com');
    await h.t.call('upstreams.checkQuota', { id: account.id });
    h.fake.setUsage('ada@example.com', { kind: 'status', status: 500 });
    const row = await h.t.call('upstreams.checkQuota', { id: account.id });
    expect(row.quota.error).toBe('http_500');
    expect(row.quota.windows).toHaveLength(2);
  });

  it('a sweep reads every due account with at most 8 requests in flight, and nothing twice', async () => {
    h = await startUpstreamHarness();
    h.fake.usageLoad.delayMs = 50;
    for (let i = 0; i < 20; i++) await h.account(`user${i}@example.com`);
    await h.t.services.upstreams.jobs.sweep();
    expect(usageCalls()).toHaveLength(20);
    expect(h.fake.usageLoad.peak).toBe(8);
    await h.t.services.upstreams.jobs.sweep();
    expect(usageCalls()).toHaveLength(20);
  });
});
