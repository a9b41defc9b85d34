import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_SETTINGS, type PoolerEvent, type RaisedAlert } from '../../../../shared/contract';
import { startUpstreamHarness, type UpstreamHarness } from '../../../support/upstream-harness';
import { until } from '../../../support/until';

let h: UpstreamHarness;
afterEach(() => h?.dispose());

async function start(burstMs = 30) {
  h = await startUpstreamHarness({ config: { alertTimings: { glanceDelayMs: 5, burstMs } } });
  const seen: RaisedAlert[] = [];
  h.t.core.subscribe((e: PoolerEvent) => {
    if (e.name === 'alerts.raised') seen.push(e.payload);
  });
  return seen;
}

/** Waits until the alerts' glance has looked at the latest reading: the next one is then a change. */
const looked = (poolId: string, best5hLeft: number) =>
  until(
    () => h.t.services.alerts.glance().pools.get(poolId)?.best5hLeft === best5hLeft,
    `the glance at ${best5hLeft} %`,
  );

const usage = (email: string, fiveHourUsed: number) =>
  h.fake.setUsage(email, { kind: 'both', fiveHourUsed, weeklyUsed: 10 });

describe('alerts', () => {
  it('a Pool’s best 5-hour window crossing the threshold, down and back up', async () => {
    const seen = await start();
    usage('ada@example.com', 50);
    usage('bob@example.com', 70);
    const ada = await h.account('ada@example.com');
    const bob = await h.account('bob@example.com');
    await h.t.call('upstreams.checkQuota', { id: ada.id });
    await h.t.call('upstreams.checkQuota', { id: bob.id });
    await looked(h.poolId, 50);

    // One account low is not the Pool low: its best window still has 50 % left.
    usage('bob@example.com', 95);
    await h.t.call('upstreams.checkQuota', { id: bob.id });
    usage('ada@example.com', 93);
    await h.t.call('upstreams.checkQuota', { id: ada.id });
    await until(() => seen.length > 0, 'the low alert');
    expect(seen).toEqual([
      {
        kind: 'pool_capacity_low',
        count: 1,
        title: 'Research is running low',
        body: 'The best 5-hour window left in the Pool Research is 7 %.',
        link: `/upstreams?pool=${h.poolId}`,
        poolIds: [h.poolId],
      },
    ]);

    usage('bob@example.com', 20);
    await h.t.call('upstreams.checkQuota', { id: bob.id });
    await until(() => seen.length > 1, 'the recovery');
    expect(seen[1]).toMatchObject({ kind: 'pool_capacity_recovered', body: expect.stringContaining('back to 80 %') });
    expect(h.t.services.alerts.glance().pools.get(h.poolId)).toMatchObject({
      total: 2,
      ready: 2,
      best5hLeft: 80,
    });
  });

  it('a burst of accounts breaking is one alert naming the count', async () => {
    const seen = await start(300);
    const emails = ['a@example.com', 'b@example.com', 'c@example.com'];
    const rows = [];
    for (const email of emails) rows.push(await h.account(email));
    // A Pool with a healthy account left, so only the accounts are news.
    await h.account('ok@example.com');
    for (const [i, row] of rows.entries()) {
      h.fake.invalidateRefreshTokens(emails[i]!);
      await h.t.call('upstreams.refresh', { id: row.id });
    }
    await until(() => seen.length > 0, 'the alert');
    await new Promise((r) => setTimeout(r, 350));
    expect(seen).toEqual([
      {
        kind: 'relink_needed',
        count: 3,
        title: '3 accounts need relinking',
        body: 'a@example.com, b@example.com, c@example.com must sign in again.',
        link: '/upstreams?state=reauth_required',
        // The accounts' Pool: a team server tells its operators only.
        poolIds: [h.poolId],
      },
    ]);
    expect((await h.t.call('audit.list', { action: 'alert.raised' })).entries).toHaveLength(1);
  });

  it('a kind turned off in Settings → Alerts is neither shown nor audited; the threshold is the operator’s', async () => {
    const seen = await start();
    const settings = {
      enabled: { ...DEFAULT_ALERT_SETTINGS.enabled, relink_needed: false },
      capacityThresholdPercent: 60,
    };
    await h.t.call('settings.updateAlerts', settings);
    expect((await h.t.call('settings.get', {})).alerts).toEqual(settings);
    expect(await h.t.raw('settings.updateAlerts', { ...settings, capacityThresholdPercent: 100 })).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', fields: { capacityThresholdPercent: expect.any(String) } },
    });
    expect((await h.t.call('settings.get', {})).alerts).toEqual(settings);

    usage('ada@example.com', 30);
    const ada = await h.account('ada@example.com');
    await h.t.call('upstreams.checkQuota', { id: ada.id });
    await looked(h.poolId, 70);
    usage('ada@example.com', 50);
    await h.t.call('upstreams.checkQuota', { id: ada.id });
    await until(() => seen.length > 0, 'the low alert');
    expect(seen.map((a) => a.kind)).toEqual(['pool_capacity_low']);

    h.fake.invalidateRefreshTokens('ada@example.com');
    await h.t.call('upstreams.refresh', { id: ada.id });
    await until(() => seen.length > 1, 'the no-ready alert');
    await new Promise((r) => setTimeout(r, 60));
    expect(seen.map((a) => a.kind)).toEqual(['pool_capacity_low', 'pool_no_ready']);
    const audited = (await h.t.call('audit.list', { action: 'alert.raised' })).entries;
    expect(audited.map((e) => e.details)).toEqual([
      expect.objectContaining({ kind: 'pool_no_ready' }),
      expect.objectContaining({ kind: 'pool_capacity_low' }),
    ]);
  });

  it('an alert that cannot be written never undoes the change that caused it', async () => {
    const seen = await start();
    const ada = await h.account('ada@example.com');
    // The audit table refuses new rows: the alert fails, the refresh's own write stands.
    const refuseAlerts =
      h.t.services.db.dialect === 'sqlite'
        ? [
            "CREATE TRIGGER no_alerts BEFORE INSERT ON audit_events WHEN NEW.action = 'alert.raised' BEGIN SELECT RAISE(ABORT, 'no'); END",
          ]
        : [
            "CREATE FUNCTION no_alerts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no'; END $$",
            "CREATE TRIGGER no_alerts BEFORE INSERT ON audit_events FOR EACH ROW WHEN (NEW.action = 'alert.raised') EXECUTE FUNCTION no_alerts()",
          ];
    for (const statement of refuseAlerts) await h.t.query(statement);
    h.fake.invalidateRefreshTokens('ada@example.com');
    expect((await h.t.call('upstreams.refresh', { id: ada.id })).credentialState).toBe('reauth_required');
    await new Promise((r) => setTimeout(r, 150));
    expect(seen).toEqual([]);
    expect((await h.row(ada.id)).credentialState).toBe('reauth_required');
    expect((await h.t.call('audit.list', { action: 'upstream.refresh_failed' })).entries).toHaveLength(1);
  });
});
