import type { InviteRow, InviteStatus } from '../contract/invites';
import type { PoolStatus } from '../contract/pools';
import { effectiveStatus } from '../invites/effective-status';
import { formatCompactDateTime, formatDateTime } from './time';

/**
 * What an invite amounts to right now, for the screens: its effective status, except that an
 * active invite of a Pool that is not active cannot be used — `paused` while the Pool is
 * disabled (it works again if the Pool is enabled before it expires), `closed` for good once
 * the Pool is archived. The stored status stays as the SPEC defines it (the Status filter
 * still finds these under Active).
 */
export type InviteSituation = InviteStatus | 'paused' | 'closed';

export function inviteSituation(
  invite: { status: InviteStatus; expiresAt: number; poolStatus: PoolStatus },
  now: number,
): InviteSituation {
  const status = effectiveStatus(invite.status, invite.expiresAt, now);
  if (status !== 'active' || invite.poolStatus === 'active') return status;
  return invite.poolStatus === 'disabled' ? 'paused' : 'closed';
}

/** The Result column: a headline, the who (or why) on a line of its own, and the whole sentence for hover text. */
export interface InviteResult {
  headline: string;
  detail: string | null;
  /** SPEC §3's wording: "Accepted {time} by {email}", "Revoked {time}", "Expired", "Awaiting acceptance". */
  sentence: string;
}

const at = (ms: number | null, format: (ms: number) => string) => (ms === null ? '' : ` ${format(ms)}`);

export function inviteResult(row: InviteRow, now: number): InviteResult {
  const compact = (ms: number) => formatCompactDateTime(ms, now);
  const situation = inviteSituation(row, now);
  if (row.kind === 'relink' && (situation === 'accepted' || situation === 'active')) return relinkResult(row, now);
  switch (situation) {
    case 'accepted': {
      const who = row.acceptedByEmail ?? row.email;
      return {
        headline: `Accepted${at(row.acceptedAt, compact)}`,
        detail: `by ${who}`,
        sentence: `Accepted${at(row.acceptedAt, formatDateTime)} by ${who}`,
      };
    }
    case 'revoked':
      return {
        headline: `Revoked${at(row.revokedAt, compact)}`,
        detail: null,
        sentence: `Revoked${at(row.revokedAt, formatDateTime)}`,
      };
    case 'expired':
      return { headline: 'Expired', detail: null, sentence: 'Expired' };
    case 'active':
      return { headline: 'Awaiting acceptance', detail: null, sentence: 'Awaiting acceptance' };
    case 'paused':
      return {
        headline: 'Pool disabled',
        detail: 'Link paused',
        sentence: 'Pool disabled — link paused until the Pool is enabled again',
      };
    case 'closed':
      return {
        headline: 'Pool archived',
        detail: 'Link closed',
        sentence: 'Pool archived — the link no longer works',
      };
  }
}

/** A relink link's Result names the account it restores (or restored), on its own line. */
function relinkResult(row: InviteRow, now: number): InviteResult {
  if (row.status === 'accepted') {
    return {
      headline: `Restored${at(row.acceptedAt, (ms) => formatCompactDateTime(ms, now))}`,
      detail: row.email,
      sentence: `Relinked${at(row.acceptedAt, formatDateTime)}: the owner restored the account ${row.email}`,
    };
  }
  return {
    headline: 'Awaiting the owner',
    detail: `of ${row.email}`,
    sentence: `Awaiting the owner: restores the account ${row.email} when its owner signs in again`,
  };
}
