import { describe, expect, it } from 'vitest';
import { patchInvitePages, type InvitePage } from '../../../../renderer/src/api/invite-pages';
import type { InviteRow } from '../../../../shared/contract';

const NOW = 1_000_000_000;

function row(id: string, createdAt: number, overrides: Partial<InviteRow> = {}): InviteRow {
  return {
    id,
    kind: 'invite',
    poolId: 'pool-a',
    poolName: 'A',
    poolStatus: 'active',
    email: `${id}@example.com`,
    status: 'active',
    createdAt,
    createdBy: 'Ada',
    expiresAt: NOW + 60_000,
    acceptedAt: null,
    acceptedByEmail: null,
    upstreamId: null,
    revokedAt: null,
    emailDelivery: 'not_requested',
    emailSentAt: null,
    emailError: null,
    reissuedCount: 0,
    linkBase: null,
    ...overrides,
  };
}

function data(...pages: [InviteRow[], number | null][]) {
  return {
    pages: pages.map(([invites, nextCursor]) => ({ invites, nextCursor })),
    pageParams: pages.map((_p, i) => i),
  };
}

const ids = (d: { pages: InvitePage[] }) => d.pages.map((p) => p.invites.map((i) => i.id));

describe('patching loaded invite pages', () => {
  it('replaces a loaded row in place', () => {
    const before = data([[row('c', 3), row('b', 2)], 9], [[row('a', 1)], null]);
    const after = patchInvitePages(before, row('b', 2, { status: 'revoked', revokedAt: NOW }), {}, NOW);
    expect(ids(after)).toEqual([['c', 'b'], ['a']]);
    expect(after.pages[0]!.invites[1]!.status).toBe('revoked');
    expect(before.pages[0]!.invites[1]!.status).toBe('active');
  });

  it('drops a row that no longer matches the filters', () => {
    const before = data([[row('c', 3), row('b', 2)], null]);
    const after = patchInvitePages(
      before,
      row('b', 2, { status: 'revoked', revokedAt: NOW }),
      { status: 'active' },
      NOW,
    );
    expect(ids(after)).toEqual([['c']]);
  });

  it('inserts a new matching row by creation time', () => {
    expect(ids(patchInvitePages(data([[row('c', 3), row('a', 1)], null]), row('d', 4), {}, NOW))).toEqual([
      ['d', 'c', 'a'],
    ]);
    expect(ids(patchInvitePages(data([[row('c', 3), row('a', 1)], null]), row('b', 2), {}, NOW))).toEqual([
      ['c', 'b', 'a'],
    ]);
    expect(ids(patchInvitePages(data([[row('c', 3)], null]), row('a', 1), {}, NOW))).toEqual([['c', 'a']]);
    expect(ids(patchInvitePages(data([[], null]), row('a', 1), {}, NOW))).toEqual([['a']]);
  });

  it('leaves an older row for scrolling to find when more pages remain', () => {
    expect(ids(patchInvitePages(data([[row('c', 3)], 5]), row('a', 1), {}, NOW))).toEqual([['c']]);
  });

  it('ignores a change that matches nothing it holds', () => {
    const before = data([[row('c', 3)], null]);
    expect(ids(patchInvitePages(before, row('x', 9, { poolId: 'pool-b' }), { poolId: 'pool-a' }, NOW))).toEqual([
      ['c'],
    ]);
  });
});
