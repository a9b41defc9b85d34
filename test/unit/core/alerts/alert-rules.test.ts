import { describe, expect, it } from 'vitest';
import { alertsBetween, type AlertEvent } from '../../../../electron/core/alerts/alert-rules';
import { coalesce } from '../../../../electron/core/alerts/coalesce';
import type { AccountGlance, Glance, PoolGlance } from '../../../../electron/core/alerts/glance';
import { DEFAULT_ALERT_SETTINGS } from '../../../../shared/contract';

const account = (id: string, broken = false): AccountGlance => ({ id, email: `${id}@example.com`, broken });
const pool = (overrides: Partial<PoolGlance> = {}): PoolGlance => ({
  id: 'pool-r',
  name: 'Research',
  total: 2,
  ready: 2,
  best5hLeft: 60,
  soonestReset: null,
  ...overrides,
});
const glance = (accounts: AccountGlance[], pools: PoolGlance[] = []): Glance => ({
  accounts: new Map(accounts.map((a) => [a.id, a])),
  pools: new Map(pools.map((p) => [p.id, p])),
});
const kinds = (events: AlertEvent[]) => events.map((e) => `${e.kind}:${e.subjectId}`);

describe('alert rules over two glances', () => {
  it('raise relink_needed once, when an account starts needing its owner', () => {
    const before = glance([account('a'), account('b', true)]);
    const after = glance([account('a', true), account('b', true), account('c', true)]);
    // b was already broken; c is new to the glance and broken: both count only if they changed.
    expect(kinds(alertsBetween(before, after, 10))).toEqual(['relink_needed:a', 'relink_needed:c']);
    expect(alertsBetween(after, after, 10)).toEqual([]);
  });

  it('raise pool_no_ready when a Pool loses its last ready account, and not for an empty Pool', () => {
    const before = glance([], [pool({ ready: 1 }), pool({ id: 'pool-e', name: 'Empty', total: 0, ready: 0 })]);
    const after = glance(
      [],
      [pool({ ready: 0, best5hLeft: null }), pool({ id: 'pool-e', name: 'Empty', total: 0, ready: 0 })],
    );
    expect(kinds(alertsBetween(before, after, 10))).toEqual(['pool_no_ready:pool-r']);
  });

  it('raise capacity low and recovered only when the best 5-hour window crosses the threshold', () => {
    const at = (left: number | null) => glance([], [pool({ best5hLeft: left })]);
    expect(alertsBetween(at(40), at(9), 10)).toEqual([
      { kind: 'pool_capacity_low', subjectId: 'pool-r', name: 'Research', percent: 9 },
    ]);
    expect(alertsBetween(at(9), at(3), 10)).toEqual([]);
    expect(alertsBetween(at(10), at(10), 10)).toEqual([]);
    expect(alertsBetween(at(9), at(10), 10)).toEqual([
      { kind: 'pool_capacity_recovered', subjectId: 'pool-r', name: 'Research', percent: 10 },
    ]);
    // No reading on either side says nothing about capacity.
    expect(alertsBetween(at(null), at(3), 10)).toEqual([]);
    // The threshold is the operator's.
    expect(kinds(alertsBetween(at(30), at(20), 25))).toEqual(['pool_capacity_low:pool-r']);
  });

  it('leave out Pools that were not in the previous glance (created or enabled meanwhile)', () => {
    expect(alertsBetween(glance([]), glance([], [pool({ ready: 0 })]), 10)).toEqual([]);
  });
});

describe('coalescing a burst', () => {
  const broken = (n: number): AlertEvent[] =>
    Array.from({ length: n }, (_, i) => ({ kind: 'relink_needed', subjectId: `u${i}`, name: `user${i}@example.com` }));

  it('names one account and lands on its row', () => {
    expect(coalesce(broken(1), DEFAULT_ALERT_SETTINGS.enabled)).toEqual([
      {
        kind: 'relink_needed',
        count: 1,
        title: 'An account needs relinking',
        body: 'user0@example.com must sign in again: its refresh token no longer works.',
        link: '/upstreams?account=u0',
        poolIds: [],
      },
    ]);
  });

  it('says which Pools each alert is about: a Pool’s own, or the accounts’ Pools', () => {
    const events: AlertEvent[] = [{ kind: 'pool_no_ready', subjectId: 'pool-r', name: 'Research' }, ...broken(3)];
    const pools: Record<string, string[]> = { u0: ['pool-a'], u1: ['pool-a', 'pool-b'], u2: [] };
    expect(
      coalesce(events, DEFAULT_ALERT_SETTINGS.enabled, (id) => pools[id]!).map((a) => [a.kind, a.poolIds]),
    ).toEqual([
      ['relink_needed', ['pool-a', 'pool-b']],
      ['pool_no_ready', ['pool-r']],
    ]);
  });

  it('makes forty of one kind one alert naming the count, and counts a subject once', () => {
    const alerts = coalesce([...broken(40), ...broken(2)], DEFAULT_ALERT_SETTINGS.enabled);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: 'relink_needed',
      count: 40,
      title: '40 accounts need relinking',
      body: 'user0@example.com, user1@example.com, user2@example.com and 37 more must sign in again.',
      link: '/upstreams?state=reauth_required',
    });
  });

  it('keeps kinds apart, in a stable order, and drops the ones turned off', () => {
    const events: AlertEvent[] = [
      { kind: 'pool_capacity_low', subjectId: 'pool-r', name: 'Research', percent: 4.4 },
      ...broken(1),
      { kind: 'invite_accepted', subjectId: 'u9', name: 'bob@example.com', poolName: 'Research' },
    ];
    expect(coalesce(events, DEFAULT_ALERT_SETTINGS.enabled).map((a) => [a.kind, a.title, a.body])).toEqual([
      ['invite_accepted', 'Codex account connected', 'bob@example.com connected their Codex account to Research.'],
      ['relink_needed', 'An account needs relinking', expect.any(String)],
      ['pool_capacity_low', 'Research is running low', 'The best 5-hour window left in the Pool Research is 4 %.'],
    ]);
    const enabled = { ...DEFAULT_ALERT_SETTINGS.enabled, relink_needed: false, invite_accepted: false };
    expect(coalesce(events, enabled).map((a) => a.kind)).toEqual(['pool_capacity_low']);
  });
});
