import { describe, expect, it } from 'vitest';
import type { OperatorView, PoolerEvent } from '../../../shared/contract';
import { visibleTo } from '../../../electron/server/event-scope';

const operator = (role: OperatorView['role'], poolIds: string[] = []): OperatorView => ({
  id: 'operator-1',
  email: 'ann@example.com',
  role,
  poolIds,
  status: 'active',
  createdAt: 0,
  enrolledAt: 0,
});

const alert = (poolIds: string[]): PoolerEvent => ({
  name: 'alerts.raised',
  payload: { kind: 'relink_needed', count: 1, title: 't', body: 'b', link: '/upstreams', poolIds },
});

describe('which events an operator’s console hears', () => {
  it('an admin: events and alerts about its Pools, and those about none; never another Pool’s', () => {
    const sees = visibleTo(operator('admin', ['pool-a']));
    expect(sees({ name: 'invites.changed', payload: { inviteId: 'i', poolId: 'pool-a' } })).toBe(true);
    expect(sees({ name: 'invites.changed', payload: { inviteId: 'i', poolId: 'pool-b' } })).toBe(false);
    expect(sees(alert(['pool-b', 'pool-a']))).toBe(true);
    expect(sees(alert(['pool-b']))).toBe(false);
    expect(sees(alert([]))).toBe(true);
    expect(sees({ name: 'settings.changed', payload: {} })).toBe(true);
  });

  it('an owner or a viewer: everything', () => {
    for (const role of ['owner', 'viewer'] as const) {
      const sees = visibleTo(operator(role));
      expect(sees(alert(['pool-b']))).toBe(true);
      expect(sees({ name: 'pools.changed', payload: { poolId: 'pool-z' } })).toBe(true);
    }
  });
});
