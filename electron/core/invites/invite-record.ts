import type { InviteKind, InviteRow, InviteStatus, PoolStatus, RetrievedInvite } from '../../../shared/contract';
import type { Selectable } from 'kysely';
import { effectiveStatus } from '../../../shared/invites/effective-status';
import type { Schema } from '../db/sql/schema';

/** An invites row joined with its Pool, as the database returns it. Never includes the token hash. */
export type InviteRecord = Omit<
  Selectable<Schema['invites']>,
  'token_hash' | 'revoked_by' | 'last_reissued_at' | 'kind' | 'status'
> & {
  kind: InviteKind;
  status: InviteStatus;
  pool_name: string;
  pool_status: PoolStatus;
};

export const INVITE_COLUMNS = `i.seq, i.id, i.kind, i.pool_id, p.name AS pool_name, p.status AS pool_status, i.email, i.status,
  i.ttl_seconds, i.created_at, i.created_by, i.expires_at, i.accepted_at, i.accepted_by_email, i.upstream_id,
  i.revoked_at, i.email_requested, i.email_sent_at, i.email_error, i.reissued_count, i.link_base`;

function emailDelivery(r: InviteRecord): InviteRow['emailDelivery'] {
  if (!r.email_requested) return 'not_requested';
  if (r.email_sent_at !== null) return 'sent';
  return r.email_error !== null ? 'failed' : 'pending';
}

export function toInviteRow(r: InviteRecord, now: number): InviteRow {
  return {
    id: r.id,
    kind: r.kind,
    poolId: r.pool_id,
    poolName: r.pool_name,
    poolStatus: r.pool_status,
    email: r.email,
    status: effectiveStatus(r.status, r.expires_at, now),
    createdAt: r.created_at,
    createdBy: r.created_by,
    expiresAt: r.expires_at,
    acceptedAt: r.accepted_at,
    acceptedByEmail: r.accepted_by_email,
    upstreamId: r.upstream_id,
    revokedAt: r.revoked_at,
    emailDelivery: emailDelivery(r),
    emailSentAt: r.email_sent_at,
    emailError: r.email_error,
    reissuedCount: r.reissued_count,
    linkBase: r.link_base,
  };
}

const seconds = (ms: number) => Math.floor(ms / 1000);
const secondsOrNull = (ms: number | null) => (ms === null ? null : seconds(ms));

/** The OpenAI Admin API invite shape, plus the Pool and the console's own facts. */
export function toRetrievedInvite(r: InviteRecord, now: number): RetrievedInvite {
  return {
    object: 'pool.invite',
    id: r.id,
    kind: r.kind,
    email: r.email,
    status: effectiveStatus(r.status, r.expires_at, now),
    created_at: seconds(r.created_at),
    expires_at: seconds(r.expires_at),
    accepted_at: secondsOrNull(r.accepted_at),
    pool: { id: r.pool_id, name: r.pool_name, status: r.pool_status },
    invited_by: r.created_by,
    revoked_at: secondsOrNull(r.revoked_at),
    email_sent_at: secondsOrNull(r.email_sent_at),
    email_error: r.email_error,
    accepted_by_email: r.accepted_by_email,
    upstream_id: r.upstream_id,
    link_base: r.link_base,
  };
}
