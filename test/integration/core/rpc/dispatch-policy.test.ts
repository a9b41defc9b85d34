import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, CHANNEL_POLICIES, type ChannelName, type OperatorRole } from '../../../../shared/contract';
import type { Caller } from '../../../../electron/core/rpc/caller';
import { VALID_INPUTS } from '../../../support/contract-samples';
import { snapshotStore } from '../../../support/db-snapshot';
import { authJsonFor, startUpstreamHarness, type UpstreamHarness } from '../../../support/upstream-harness';

// Every channel × every role × a target in the admin's Pool (A) or outside it (B), expected
// outcomes derived from the channel's policy: a refused call is `forbidden` and changes nothing;
// an allowed one is never `forbidden` (it may fail for its own reasons: an invite already revoked).

let h: UpstreamHarness;
const pools = { A: '', B: '' };
let n = 0;
const unique = (what: string) => `${what}-${++n}`;

const CALLERS: Record<string, Caller> = {
  owner: {
    actor: { kind: 'operator', name: 'olga@example.com' },
    role: 'owner',
    pools: null,
    person: { id: 'operator-olga', email: 'olga@example.com' },
  },
  admin: {
    actor: { kind: 'operator', name: 'ann@example.com' },
    role: 'admin',
    pools: [],
    person: { id: 'operator-ann', email: 'ann@example.com' },
  },
  viewer: {
    actor: { kind: 'operator', name: 'vic@example.com' },
    role: 'viewer',
    pools: null,
    person: { id: 'operator-vic', email: 'vic@example.com' },
  },
};

beforeAll(async () => {
  h = await startUpstreamHarness();
  pools.A = h.poolId;
  pools.B = (await h.t.call('pools.create', { name: 'Growth' })).id;
  CALLERS.admin = { ...CALLERS.admin!, pools: [pools.A] };
});
afterAll(() => h.dispose());

type Target = keyof typeof pools;

async function freshInvite(target: Target): Promise<string> {
  const issued = await h.t.call('invites.create', {
    poolId: pools[target],
    email: `${unique('invitee')}@example.com`,
    expiry: '7d',
    sendEmail: false,
  });
  return issued.invite.id;
}

async function freshUpstream(target: Target): Promise<string> {
  const file = authJsonFor(h.fake.mintTokens(`${unique('account')}@example.com`));
  return (await h.t.call('upstreams.importAuth', { poolId: pools[target], file })).id;
}

/** The channel's sample input, pointed at fresh things in the target's Pool. */
async function inputFor(channel: ChannelName, target: Target): Promise<Record<string, unknown>> {
  const input = structuredClone(VALID_INPUTS[channel]) as Record<string, unknown>;
  if ('poolId' in input) input.poolId = pools[target];
  if (typeof input.id === 'string' && input.id.startsWith('invite-')) input.id = await freshInvite(target);
  if (typeof input.id === 'string' && input.id.startsWith('upstream-')) input.id = await freshUpstream(target);
  if ('inviteId' in input) input.inviteId = await freshInvite(target);
  if (channel === 'pools.rename' || channel === 'pools.setStatus')
    input.id = (await h.t.call('pools.create', { name: unique('Pool') })).id;
  if ('name' in input) input.name = unique('Pool');
  if ('email' in input && channel === 'invites.create') input.email = `${unique('new')}@example.com`;
  if (channel === 'upstreams.importAuth')
    input.file = authJsonFor(h.fake.mintTokens(`${unique('import')}@example.com`));
  return input;
}

/** What the policy says this caller may do to something in the target's Pool. */
function allowed(channel: ChannelName, role: OperatorRole, target: Target, input: Record<string, unknown>): boolean {
  const { access, pool } = CHANNEL_POLICIES[channel];
  if (access === 'own' || role === 'owner') return true;
  if (access === 'owner') return false;
  if (access === 'write' && role === 'viewer') return false;
  if (role === 'viewer') return true;
  const namesAPool =
    pool === 'invite' || pool === 'upstream' || ((pool === 'input' || pool === 'listed') && 'poolId' in input);
  return !namesAPool || target === 'A';
}

const cases = CHANNEL_NAMES.flatMap((channel) =>
  Object.keys(CALLERS).flatMap((who) => (['A', 'B'] as const).map((target) => ({ channel, who, target }))),
);

describe('every channel × every role, from the per-channel policy', () => {
  it('refuses a representative of each kind of rule, so the table cannot pass by allowing everything', async () => {
    const refused = [];
    for (const c of cases) {
      const input = await inputFor(c.channel, c.target);
      if (!allowed(c.channel, CALLERS[c.who]!.role, c.target, input)) refused.push(`${c.who} ${c.channel} ${c.target}`);
    }
    expect(refused).toEqual(
      expect.arrayContaining([
        'viewer invites.create A',
        'viewer upstreams.exportAuth A',
        'admin smtp.update A',
        'admin pools.create A',
        'admin invites.revoke B',
        'admin upstreams.refresh B',
        'admin invites.list B',
      ]),
    );
    expect(refused).not.toContain('admin invites.revoke A');
  });

  it.each(cases.map((c) => [`${c.who} → ${c.channel} in Pool ${c.target}`, c] as const))('%s', async (_name, c) => {
    const caller = CALLERS[c.who]!;
    const input = await inputFor(c.channel, c.target);
    const before = await snapshotStore(h.t);
    const result = await h.t.core.dispatch(c.channel, input, { caller, deliver: async () => ({ kind: 'cancelled' }) });
    if (allowed(c.channel, caller.role, c.target, input)) {
      expect(result.ok ? null : result.error.code).not.toBe('forbidden');
    } else {
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await snapshotStore(h.t)).toEqual(before);
    }
  });
});

describe('a Pool-scoped admin', () => {
  it('lists only its Pools, their invites, accounts and audit entries; an account shows only its Pools', async () => {
    const shared = await freshUpstream('B');
    await h.t.call('upstreams.importAuth', {
      poolId: pools.A,
      file: authJsonFor(
        h.fake.mintTokens((await h.t.call('upstreams.list', {})).upstreams.find((u) => u.id === shared)!.email),
      ),
    });
    const admin = { caller: CALLERS.admin! };
    const call = async (channel: ChannelName, input: unknown) => {
      const result = await h.t.core.dispatch(channel, input, admin);
      if (!result.ok) throw new Error(result.error.message);
      return result.data as never;
    };
    const listed: { pools: { id: string }[] } = await call('pools.list', {});
    expect(listed.pools.map((p) => p.id)).toEqual([pools.A]);
    const invites: { invites: { poolId: string }[] } = await call('invites.list', { limit: 200 });
    expect(invites.invites.length).toBeGreaterThan(0);
    expect(new Set(invites.invites.map((i) => i.poolId))).toEqual(new Set([pools.A]));
    const searched: { invites: { poolId: string }[] } = await call('invites.list', { search: 'invitee', limit: 200 });
    expect(new Set(searched.invites.map((i) => i.poolId))).toEqual(new Set([pools.A]));
    const accounts: { upstreams: { id: string; pools: { id: string }[] }[] } = await call('upstreams.list', {});
    expect(new Set(accounts.upstreams.flatMap((u) => u.pools.map((p) => p.id)))).toEqual(new Set([pools.A]));
    expect(accounts.upstreams.map((u) => u.id)).toContain(shared);
    const audit: { entries: { poolId: string | null }[] } = await call('audit.list', { limit: 200 });
    expect(audit.entries.length).toBeGreaterThan(0);
    expect(new Set(audit.entries.map((e) => e.poolId))).toEqual(new Set([pools.A]));
    // The owner, by contrast, sees both Pools.
    const all = await h.t.call('invites.list', { limit: 200 });
    expect(new Set(all.invites.map((i) => i.poolId))).toEqual(new Set([pools.A, pools.B]));
  });

  it('is named in the audit trail and as "Invited by" for what it does', async () => {
    const result = await h.t.core.dispatch(
      'invites.create',
      { poolId: pools.A, email: `${unique('by-ann')}@example.com`, expiry: '7d', sendEmail: false },
      { caller: CALLERS.admin! },
    );
    if (!result.ok) throw new Error(result.error.message);
    const { invite } = result.data as { invite: { id: string; createdBy: string } };
    expect(invite.createdBy).toBe('ann@example.com');
    const trail = await h.t.call('audit.list', { inviteId: invite.id });
    expect(trail.entries[0]).toMatchObject({
      action: 'invite.created',
      actor: { kind: 'operator', name: 'ann@example.com' },
    });
  });
});
