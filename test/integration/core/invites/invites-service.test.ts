import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IssuedInvite } from '../../../../shared/contract';
import { seedOperatorAndPools, testClock, tokenHashOf, tokenOf } from '../../../support/invite-fixtures';
import { startTestCore, type TestCore } from '../../../support/test-core';

const HOUR = 3600_000;
let t: TestCore;
let clock: ReturnType<typeof testClock>;
let pools: { research: string; growth: string };

beforeEach(async () => {
  clock = testClock();
  t = await startTestCore({ now: clock.now, env: { POOLER_PUBLIC_URL: 'https://invite.example.com/' } });
  pools = await seedOperatorAndPools(t);
});
afterEach(() => t.dispose());

const create = (email: string, poolId = pools.research, expiry: '1h' | '24h' | '7d' | '30d' = '24h') =>
  t.call('invites.create', { poolId, email, expiry, sendEmail: false });
const accept = (issued: IssuedInvite, email = issued.invite.email) =>
  t.services.invites.accept(tokenHashOf(issued), { acceptedByEmail: email, upstreamId: 'upstream-1' });
const reissue = (id: string) =>
  t.services.invites.reissue(id, { kind: 'operator', name: 'Ada' }, { emailRequested: true });

describe('creating an invite', () => {
  it('normalises the email, mints a one-time URL from the public URL and records who and when', async () => {
    const issued = await create('  Bob@Example.COM ');
    expect(issued.url).toMatch(/^https:\/\/invite\.example\.com\/onboarding\/invites\/[A-Za-z0-9_-]{43}$/);
    expect(issued.email).toEqual({ outcome: 'not_requested', reason: null });
    expect(issued.invite).toMatchObject({
      email: 'bob@example.com',
      status: 'active',
      poolName: 'Research',
      createdBy: 'Ada',
      createdAt: clock.now(),
      expiresAt: clock.now() + 24 * HOUR,
      emailDelivery: 'not_requested',
    });
    expect(issued.invite.id).toMatch(/^invite-[0-9a-f]{24}$/);
    const [entry] = (await t.call('audit.list', { action: 'invite.created' })).entries;
    expect(entry).toMatchObject({
      actor: { kind: 'operator', name: 'Ada' },
      targetId: issued.invite.id,
      poolId: pools.research,
      details: { email: 'bob@example.com', poolName: 'Research', ttlSeconds: 86_400, emailRequested: false },
    });
  });

  it.each([
    ['1h', 1],
    ['24h', 24],
    ['7d', 7 * 24],
    ['30d', 30 * 24],
  ] as const)('offers a %s expiry', async (expiry, hours) => {
    expect((await create('bob@example.com', pools.research, expiry)).invite.expiresAt).toBe(clock.now() + hours * HOUR);
  });

  it('allows one effectively-active invite per Pool and email, whatever the case', async () => {
    await create('bob@example.com');
    const duplicate = await t.raw('invites.create', {
      poolId: pools.research,
      email: 'BOB@example.com',
      expiry: '1h',
      sendEmail: false,
    });
    expect(duplicate).toMatchObject({
      ok: false,
      error: { code: 'invite_exists', message: 'An active invite already exists for this account and Pool.' },
    });
    expect((await create('bob@example.com', pools.growth)).invite.poolName).toBe('Growth');
    expect((await t.call('invites.list', {})).invites).toHaveLength(2);
  });

  it('is not blocked by an expired, revoked or accepted invite', async () => {
    const expired = await create('bob@example.com', pools.research, '1h');
    clock.advance(HOUR);
    const second = await create('bob@example.com');
    expect((await t.call('invites.get', { id: expired.invite.id })).status).toBe('expired');
    await t.call('invites.revoke', { id: second.invite.id });
    const third = await create('bob@example.com');
    await accept(third);
    const fourth = await create('bob@example.com');
    const statuses = (await t.call('invites.list', {})).invites.map((i) => [i.id, i.status]);
    expect(statuses).toEqual([
      [fourth.invite.id, 'active'],
      [third.invite.id, 'accepted'],
      [second.invite.id, 'revoked'],
      [expired.invite.id, 'expired'],
    ]);
  });

  it('needs an active Pool', async () => {
    await t.call('pools.setStatus', { id: pools.growth, status: 'disabled' });
    const result = await t.raw('invites.create', {
      poolId: pools.growth,
      email: 'bob@example.com',
      expiry: '24h',
      sendEmail: false,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'pool_not_active', fields: { poolId: expect.stringContaining('Growth') } },
    });
    const unknown = await t.raw('invites.create', {
      poolId: 'pool-000000000000000000000000',
      email: 'bob@example.com',
      expiry: '24h',
      sendEmail: false,
    });
    expect(unknown).toMatchObject({ error: { code: 'not_found' } });
    expect((await t.call('invites.list', {})).invites).toEqual([]);
  });

  it('refuses to promise an email while SMTP is not configured, creating nothing', async () => {
    const result = await t.raw('invites.create', {
      poolId: pools.research,
      email: 'bob@example.com',
      expiry: '24h',
      sendEmail: true,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'smtp_not_configured', fields: { sendEmail: expect.any(String) } },
    });
    expect((await t.call('invites.list', {})).invites).toEqual([]);
  });
});

describe('reissuing', () => {
  it('puts a new token on the same invite with a fresh expiry; the old URL dies at once', async () => {
    const first = await create('bob@example.com', pools.research, '7d');
    clock.advance(2 * HOUR);
    const second = await reissue(first.invite.id);
    expect(second.invite.id).toBe(first.invite.id);
    expect(tokenOf(second)).not.toBe(tokenOf(first));
    expect(second.invite).toMatchObject({
      expiresAt: clock.now() + 7 * 24 * HOUR,
      reissuedCount: 1,
      createdAt: first.invite.createdAt,
    });
    await expect(accept(first)).rejects.toMatchObject({ code: 'not_found' });
    expect((await accept(second)).status).toBe('accepted');
    const [entry] = (await t.call('audit.list', { action: 'invite.reissued' })).entries;
    expect(entry?.details).toMatchObject({ email: 'bob@example.com', reissuedCount: 1 });
  });

  it('is refused over the contract while SMTP is not configured', async () => {
    const issued = await create('bob@example.com');
    expect(await t.raw('invites.reissue', { id: issued.invite.id })).toMatchObject({
      error: { code: 'smtp_not_configured' },
    });
    await expect(accept(issued)).resolves.toMatchObject({ status: 'accepted' });
  });
});

describe('every action from every state', () => {
  type State = 'active' | 'lapsed' | 'stored-expired' | 'accepted' | 'revoked' | 'pool-disabled' | 'pool-archived';
  const STATES: State[] = [
    'active',
    'lapsed',
    'stored-expired',
    'accepted',
    'revoked',
    'pool-disabled',
    'pool-archived',
  ];

  async function inState(state: State): Promise<IssuedInvite> {
    const issued = await create(`${state}@example.com`, pools.research, '1h');
    switch (state) {
      case 'lapsed':
        clock.advance(HOUR);
        break;
      case 'stored-expired':
        clock.advance(HOUR);
        await t.services.invites.sweepLapsed();
        break;
      case 'accepted':
        await accept(issued);
        break;
      case 'revoked':
        await t.call('invites.revoke', { id: issued.invite.id });
        break;
      case 'pool-disabled':
        await t.call('pools.setStatus', { id: pools.research, status: 'disabled' });
        break;
      case 'pool-archived':
        await t.call('pools.setStatus', { id: pools.research, status: 'archived' });
        break;
    }
    return issued;
  }

  const expected: Record<State, string> = {
    active: 'ok',
    lapsed: 'not_active',
    'stored-expired': 'not_active',
    accepted: 'not_active',
    revoked: 'not_active',
    'pool-disabled': 'pool_not_active',
    'pool-archived': 'pool_not_active',
  };

  for (const state of STATES) {
    for (const action of ['revoke', 'reissue', 'accept'] as const) {
      it(`${action} from ${state} → ${expected[state]}`, async () => {
        const issued = await inState(state);
        const before = await t.call('invites.get', { id: issued.invite.id });
        const auditBefore = (await t.call('audit.list', { inviteId: issued.invite.id })).entries.length;
        let outcome = 'ok';
        try {
          if (action === 'revoke') await t.services.invites.revoke(issued.invite.id, { kind: 'operator', name: 'Ada' });
          if (action === 'reissue') await reissue(issued.invite.id);
          if (action === 'accept') await accept(issued);
        } catch (err) {
          outcome = (err as { code: string }).code;
        }
        expect(outcome).toBe(expected[state]);
        const after = await t.call('invites.get', { id: issued.invite.id });
        const auditAfter = (await t.call('audit.list', { inviteId: issued.invite.id })).entries.length;
        if (outcome === 'ok') {
          expect(after.status).toBe({ revoke: 'revoked', reissue: 'active', accept: 'accepted' }[action]);
          expect(auditAfter).toBe(auditBefore + 1);
        } else {
          expect(after).toEqual(before);
          expect(auditAfter).toBe(auditBefore);
        }
      });
    }
  }
});

describe('accepting', () => {
  it('happens exactly once and records who accepted', async () => {
    const issued = await create('bob@example.com');
    const accepted = await accept(issued, 'bob@example.com');
    expect(accepted).toMatchObject({ status: 'accepted', acceptedAt: clock.now(), acceptedByEmail: 'bob@example.com' });
    await expect(accept(issued)).rejects.toMatchObject({
      code: 'not_active',
      message: 'This invite has already been accepted.',
    });
    const retrieved = await t.call('invites.retrieve', { id: issued.invite.id });
    expect(retrieved).toMatchObject({
      status: 'accepted',
      accepted_by_email: 'bob@example.com',
      upstream_id: 'upstream-1',
    });
    const [entry] = (await t.call('audit.list', { action: 'invite.accepted' })).entries;
    expect(entry).toMatchObject({ actor: { kind: 'invitee', name: 'bob@example.com' }, targetId: issued.invite.id });
  });

  it('is refused at the expiry instant itself', async () => {
    const issued = await create('bob@example.com', pools.research, '1h');
    clock.advance(HOUR - 1);
    clock.advance(1);
    await expect(accept(issued)).rejects.toMatchObject({ code: 'not_active', message: 'This invite has expired.' });
  });
});

describe('retrieve', () => {
  it('answers in the OpenAI invite shape, in Unix seconds, without a token or hash', async () => {
    const issued = await create('bob@example.com');
    const retrieved = await t.call('invites.retrieve', { id: issued.invite.id });
    expect(retrieved).toEqual({
      object: 'pool.invite',
      id: issued.invite.id,
      kind: 'invite',
      email: 'bob@example.com',
      status: 'active',
      created_at: Math.floor(clock.now() / 1000),
      expires_at: Math.floor(clock.now() / 1000) + 86_400,
      accepted_at: null,
      pool: { id: pools.research, name: 'Research', status: 'active' },
      invited_by: 'Ada',
      revoked_at: null,
      email_sent_at: null,
      email_error: null,
      accepted_by_email: null,
      upstream_id: null,
      link_base: await t.publicUrl(),
    });
    expect(JSON.stringify(retrieved)).not.toContain(tokenOf(issued));
  });
});

describe('the expiry sweep', () => {
  it('stores lapsed invites as expired without changing what anyone sees', async () => {
    const lapsing = await create('a@example.com', pools.research, '1h');
    const lasting = await create('b@example.com', pools.research, '24h');
    clock.advance(HOUR);
    const before = await t.call('invites.list', {});
    expect(await t.services.invites.sweepLapsed()).toBe(1);
    expect(await t.services.invites.sweepLapsed()).toBe(0);
    expect(await t.call('invites.list', {})).toEqual(before);
    expect((await t.call('invites.get', { id: lapsing.invite.id })).status).toBe('expired');
    expect((await t.call('invites.get', { id: lasting.invite.id })).status).toBe('active');
  });
});
