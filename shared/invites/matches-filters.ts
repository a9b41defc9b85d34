import type { InviteFilters, InviteRow } from '../contract/invites';
import { effectiveStatus } from './effective-status';

/**
 * The invites-table filters as a predicate: the same rules the core's queries apply, for rows the
 * console already holds (a live update, or a row that expired while on screen).
 */
export function matchesInviteFilters(row: InviteRow, filters: InviteFilters, now: number): boolean {
  if (filters.poolId && row.poolId !== filters.poolId) return false;
  if (filters.kind && row.kind !== filters.kind) return false;
  if (filters.status && effectiveStatus(row.status, row.expiresAt, now) !== filters.status) return false;
  if (filters.search && !row.email.includes(filters.search.trim().toLowerCase())) return false;
  return true;
}
