import type { InviteExpiry, IssuedInvite } from '../../../shared/contract';
import { needsRelink } from '../../../shared/accounts/needs-relink';
import type { Actor } from '../audit/audit-log';
import type { SqlDatabase } from '../db/sql/sql-database';
import { AppError } from '../errors';
import type { InviteDelivery } from '../mail/invite-delivery';
import type { UpstreamRecord, UpstreamsStore } from './upstreams-store';

/** Whether a stored account needs its owner to sign in again. */
const recordNeedsRelink = (upstream: UpstreamRecord) =>
  needsRelink({
    credentialState: upstream.credential_state,
    refreshFailures: upstream.refresh_failures,
    handedOff: upstream.handed_off_at !== null,
  });

/**
 * Relink links: one-time links for the owner of an account whose sign-in broke. Each is an
 * invite of kind `relink` bound to the account (same show-once, hashing, expiry, reissue and
 * revoke rules); the page names the first active Pool the account joined.
 */
export function createRelinkLinks(deps: { db: SqlDatabase; store: UpstreamsStore; delivery: InviteDelivery }) {
  const { db, store, delivery } = deps;
  const homePool = (upstreamId: string) =>
    db
      .q()
      .selectFrom('upstream_pools as up')
      .innerJoin('pools as p', 'p.id', 'up.pool_id')
      .select('p.id')
      .where('up.upstream_id', '=', upstreamId)
      .where('p.status', '=', 'active')
      .orderBy('up.joined_at')
      .orderBy('p.name')
      .limit(1)
      .executeTakeFirst();

  return {
    async issue(id: string, input: { expiry: InviteExpiry; sendEmail: boolean }, actor: Actor): Promise<IssuedInvite> {
      const upstream = await store.existing(id);
      if (!recordNeedsRelink(upstream)) {
        throw new AppError(
          'not_active',
          'This account does not need relinking: its sign-in still works. A relink link is for an account whose owner must sign in again.',
        );
      }
      const pool = await homePool(id);
      if (!pool) {
        throw new AppError(
          'pool_not_active',
          'This account is in no active Pool, so a relink link has nowhere to bring it back to. Enable one of its Pools first.',
        );
      }
      return delivery.createRelink(
        { upstream: { id, email: upstream.email }, poolId: pool.id, expiry: input.expiry, sendEmail: input.sendEmail },
        actor,
      );
    },
  };
}
