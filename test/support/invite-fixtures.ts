import { hashInviteToken } from '../../electron/core/invites/invite-token';
import type { IssuedInvite } from '../../shared/contract';
import type { TestCore } from './test-core';

/** A settable clock for cores whose tests move time. */
export function testClock(start = Date.UTC(2026, 10, 22, 12, 0, 0)) {
  let current = start;
  return {
    now: () => current,
    advance(ms: number) {
      current += ms;
    },
    set(ms: number) {
      current = ms;
    },
  };
}

export function tokenOf(issued: IssuedInvite): string {
  return new URL(issued.url).pathname.split('/').pop()!;
}

export function tokenHashOf(issued: IssuedInvite): Buffer {
  return hashInviteToken(tokenOf(issued));
}

/** An operator and two active Pools, the usual starting point. */
export async function seedOperatorAndPools(t: TestCore): Promise<{ research: string; growth: string }> {
  await t.call('settings.updateOperator', { displayName: 'Ada', email: 'ada@example.com' });
  const research = (await t.call('pools.create', { name: 'Research' })).id;
  const growth = (await t.call('pools.create', { name: 'Growth' })).id;
  return { research, growth };
}

/** A Pool named Research and a one-hour invite to it, not emailed: the usual single invite. */
export async function issueInvite(t: TestCore, email = 'bob@example.com'): Promise<IssuedInvite> {
  const pool = await t.call('pools.create', { name: 'Research' });
  return t.call('invites.create', { poolId: pool.id, email, expiry: '1h', sendEmail: false });
}
