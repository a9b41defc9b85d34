import { describe, expect, it } from 'vitest';
import type { InviteRow } from '../../../../shared/contract';
import { expiryLabel } from '../../../../shared/format/expiry-label';
import { inviteResult, inviteSituation } from '../../../../shared/format/invite-result';
import { formatCompactDateTime, formatDateTime } from '../../../../shared/format/time';
import { effectiveStatus } from '../../../../shared/invites/effective-status';
import { matchesInviteFilters } from '../../../../shared/invites/matches-filters';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const S = 1000;

describe('Expires label', () => {
  it.each([
    [-3600 * S, 'Expired'],
    [-1, 'Expired'],
    [0, 'Expired'],
    [1, 'in <1 minute'],
    [999, 'in <1 minute'],
    [59 * S, 'in <1 minute'],
    [59 * S + 999, 'in <1 minute'],
    [60 * S, 'in 1 minute'],
    [61 * S, 'in 2 minutes'],
    [5 * 60 * S, 'in 5 minutes'],
    [3599 * S, 'in 1 hour'],
    [3600 * S, 'in 1 hour'],
    [3601 * S, 'in 2 hours'],
    [86_399 * S, 'in 24 hours'],
    [86_400 * S, 'in 24 hours'],
    [86_401 * S, 'in 2 days'],
    [3 * 86_400 * S, 'in 3 days'],
    [30 * 86_400 * S - 5, 'in 30 days'],
  ])('%d ms before expiry reads %j', (remaining, label) => {
    expect(expiryLabel(NOW + remaining, NOW)).toBe(label);
  });
});

function row(overrides: Partial<InviteRow> = {}): InviteRow {
  return {
    id: 'invite-1',
    kind: 'invite',
    poolId: 'pool-a',
    poolName: 'Research',
    poolStatus: 'active',
    email: 'bob@example.com',
    status: 'active',
    createdAt: NOW - 3600 * S,
    createdBy: 'Ada',
    expiresAt: NOW + 3600 * S,
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

describe('Expires label with a lagging clock', () => {
  it('never reads more time than the invite was given', () => {
    const createdAt = NOW + 4 * S;
    expect(expiryLabel(createdAt + 86_400 * S, NOW, createdAt)).toBe('in 24 hours');
    expect(expiryLabel(createdAt + 3600 * S, NOW, createdAt)).toBe('in 1 hour');
    expect(expiryLabel(NOW + 60 * S, NOW + 30 * S, NOW)).toBe('in <1 minute');
  });
});

describe('effective status', () => {
  it('derives expiry from expires_at, the boundary included, and leaves end states alone', () => {
    expect(effectiveStatus('active', NOW + 1, NOW)).toBe('active');
    expect(effectiveStatus('active', NOW, NOW)).toBe('expired');
    expect(effectiveStatus('expired', NOW + 1000, NOW)).toBe('expired');
    expect(effectiveStatus('accepted', NOW - 1000, NOW)).toBe('accepted');
    expect(effectiveStatus('revoked', NOW - 1000, NOW)).toBe('revoked');
  });
});

describe('Result column', () => {
  it('reads the SPEC wording for each state, with the who on a line of its own', () => {
    const acceptedAt = NOW - 60 * S;
    const accepted = inviteResult(row({ status: 'accepted', acceptedAt, acceptedByEmail: 'bob@example.com' }), NOW);
    expect(accepted).toEqual({
      headline: `Accepted ${formatCompactDateTime(acceptedAt, NOW)}`,
      detail: 'by bob@example.com',
      sentence: `Accepted ${formatDateTime(acceptedAt)} by bob@example.com`,
    });
    expect(inviteResult(row({ status: 'revoked', revokedAt: acceptedAt }), NOW)).toMatchObject({
      detail: null,
      sentence: `Revoked ${formatDateTime(acceptedAt)}`,
    });
    expect(inviteResult(row({ expiresAt: NOW }), NOW).sentence).toBe('Expired');
    expect(inviteResult(row(), NOW).sentence).toBe('Awaiting acceptance');
  });

  it('names the account a relink link restores, awaiting its owner and once restored', () => {
    const relink = { kind: 'relink' as const, upstreamId: 'upstream-1' };
    expect(inviteResult(row(relink), NOW)).toEqual({
      headline: 'Awaiting the owner',
      detail: 'of bob@example.com',
      sentence: 'Awaiting the owner: restores the account bob@example.com when its owner signs in again',
    });
    const acceptedAt = NOW - 60 * S;
    expect(inviteResult(row({ ...relink, status: 'accepted', acceptedAt }), NOW)).toEqual({
      headline: `Restored ${formatCompactDateTime(acceptedAt, NOW)}`,
      detail: 'bob@example.com',
      sentence: `Relinked ${formatDateTime(acceptedAt)}: the owner restored the account bob@example.com`,
    });
    // Revoked and expired relink links read like any invite's.
    expect(inviteResult(row({ ...relink, status: 'revoked', revokedAt: acceptedAt }), NOW).headline).toMatch(
      /^Revoked/,
    );
    expect(inviteResult(row({ ...relink, expiresAt: NOW }), NOW).sentence).toBe('Expired');
  });

  it('says when the Pool holds the link back: paused while disabled, closed once archived', () => {
    expect(inviteResult(row({ poolStatus: 'disabled' }), NOW)).toMatchObject({
      headline: 'Pool disabled',
      detail: 'Link paused',
    });
    expect(inviteResult(row({ poolStatus: 'archived' }), NOW)).toMatchObject({
      headline: 'Pool archived',
      detail: 'Link closed',
    });
  });
});

describe('invite situation', () => {
  it('is the effective status, except an active invite of a Pool that is not active', () => {
    expect(inviteSituation(row(), NOW)).toBe('active');
    expect(inviteSituation(row({ poolStatus: 'disabled' }), NOW)).toBe('paused');
    expect(inviteSituation(row({ poolStatus: 'archived' }), NOW)).toBe('closed');
    // What already ended stays what it was, whatever happened to the Pool since.
    expect(inviteSituation(row({ poolStatus: 'archived', expiresAt: NOW }), NOW)).toBe('expired');
    expect(inviteSituation(row({ poolStatus: 'disabled', status: 'accepted' }), NOW)).toBe('accepted');
    expect(inviteSituation(row({ poolStatus: 'disabled', status: 'revoked' }), NOW)).toBe('revoked');
  });
});

describe('filters as a predicate', () => {
  it('matches Pool, derived status and a case-insensitive email substring', () => {
    const r = row();
    expect(matchesInviteFilters(r, {}, NOW)).toBe(true);
    expect(matchesInviteFilters(r, { poolId: 'pool-a', status: 'active', search: 'BOB@' }, NOW)).toBe(true);
    expect(matchesInviteFilters(r, { poolId: 'pool-b' }, NOW)).toBe(false);
    expect(matchesInviteFilters(r, { status: 'expired' }, NOW)).toBe(false);
    expect(matchesInviteFilters(r, { status: 'expired' }, r.expiresAt)).toBe(true);
    expect(matchesInviteFilters(r, { search: 'alice' }, NOW)).toBe(false);
  });
});
