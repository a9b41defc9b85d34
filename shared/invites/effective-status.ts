import type { InviteStatus } from '../contract/invites';

/**
 * What an invite is at `now`. Expiry is derived, never trusted from storage: an invite stored as
 * active whose `expiresAt` has come (equal counts) is expired.
 */
export function effectiveStatus(stored: InviteStatus, expiresAt: number, now: number): InviteStatus {
  return stored === 'active' && expiresAt <= now ? 'expired' : stored;
}
