import type { InviteRow } from '../contract/invites';
import { effectiveStatus } from '../invites/effective-status';
import { formatDateTime } from './time';

const at = (ms: number | null) => (ms === null ? '' : ` ${formatDateTime(ms)}`);

/** The Result column: "Accepted {time} by {email}", "Revoked {time}", "Expired", "Awaiting acceptance". */
export function inviteResult(row: InviteRow, now: number): string {
  switch (effectiveStatus(row.status, row.expiresAt, now)) {
    case 'accepted':
      return `Accepted${at(row.acceptedAt)} by ${row.acceptedByEmail ?? row.email}`;
    case 'revoked':
      return `Revoked${at(row.revokedAt)}`;
    case 'expired':
      return 'Expired';
    case 'active':
      return 'Awaiting acceptance';
  }
}
