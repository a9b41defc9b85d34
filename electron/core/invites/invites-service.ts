import type { Foundation } from '../foundation';
import {
  INVITE_EXPIRIES,
  type InviteExpiry,
  type InviteKind,
  type InviteRow,
  type IssuedInvite,
  type SmtpFailure,
} from '../../../shared/contract';
import { effectiveStatus } from '../../../shared/invites/effective-status';
import { CONSOLE_ACTOR, type Actor, type AuditRecord } from '../audit/audit-log';
import { writeTransaction } from '../db/write-transaction';
import { AppError } from '../errors';
import { newId } from '../ids';
import type { PoolsService } from '../pools/pools-service';
import { toInviteRow, type InviteRecord } from './invite-record';
import { inviteUrl, mintInviteToken } from './invite-token';
import type { InvitesQuery } from './invites-query';

interface CreateInvite {
  poolId: string;
  email: string;
  expiry: InviteExpiry;
  emailRequested: boolean;
}

interface CreateRelink {
  /** The account the link restores, and where its owner is reached. */
  upstream: { id: string; email: string };
  /** The Pool the page names ("Reconnect your Codex account to {Pool}"). */
  poolId: string;
  expiry: InviteExpiry;
  emailRequested: boolean;
}

interface Acceptance {
  /** The verified account email from the id_token (normalised). */
  acceptedByEmail: string;
  upstreamId: string;
}

export interface InvitesService {
  create(input: CreateInvite, actor: Actor): IssuedInvite;
  /** A relink link: an invite of kind `relink` bound to one account; at most one active per account. */
  createRelink(input: CreateRelink, actor: Actor): IssuedInvite;
  /** The account's active relink link, if any. */
  activeRelinkFor(upstreamId: string): InviteRecord | undefined;
  /** Revokes the account's active relink link (it was relinked, recovered or deleted). Joins an open write. */
  revokeRelinkFor(upstreamId: string, actor: Actor): boolean;
  /** A new token on the same invite: fresh expiry, the old URL dead at once. */
  reissue(id: string, actor: Actor, options: { emailRequested: boolean }): IssuedInvite;
  revoke(id: string, actor: Actor): InviteRow;
  /**
   * The core half of onboarding: exactly once, and only while the invite is active, unexpired and
   * its Pool active. Loses cleanly (not_active) to a revoke, a reissue or expiry. Inside a larger
   * write (linking the account), it commits with it.
   */
  accept(tokenHash: Buffer, acceptance: Acceptance): InviteRow;
  /** Records how the invite email went (email_sent_at or email_error) with its audit entry. */
  recordEmail(id: string, outcome: { sent: true } | { sent: false; error: SmtpFailure }): InviteRow;
  /** Stores lapsed active invites as expired, in small batches; returns how many. */
  sweepLapsed(): number;
}

const NOT_ACTIVE: Record<string, string> = {
  accepted: 'This invite has already been accepted.',
  revoked: 'This invite was revoked.',
  expired: 'This invite has expired.',
};

export function createInvitesService(
  deps: Pick<Foundation, 'db' | 'changes' | 'now'> & {
    query: InvitesQuery;
    pools: PoolsService;
    publicUrl: () => string;
  },
): InvitesService {
  const { db, query, pools, changes, now, publicUrl } = deps;
  const statements = {
    storeLapsedFor: db.prepare(
      "UPDATE invites SET status = 'expired' WHERE pool_id = ? AND email = ? AND status = 'active' AND kind = 'invite' AND expires_at <= ?",
    ),
    activeFor: db.prepare<[string, string], { id: string }>(
      "SELECT id FROM invites WHERE pool_id = ? AND email = ? AND status = 'active' AND kind = 'invite'",
    ),
    storeLapsedRelink: db.prepare(
      "UPDATE invites SET status = 'expired' WHERE upstream_id = ? AND status = 'active' AND kind = 'relink' AND expires_at <= ?",
    ),
    activeRelink: db.prepare<[string], { id: string }>(
      "SELECT id FROM invites WHERE upstream_id = ? AND status = 'active' AND kind = 'relink'",
    ),
    insert: db.prepare(
      `INSERT INTO invites (id, kind, pool_id, email, token_hash, status, ttl_seconds, created_at, created_by, expires_at, email_requested, link_base, upstream_id)
       VALUES (@id, @kind, @poolId, @email, @tokenHash, 'active', @ttl, @now, @createdBy, @expiresAt, @emailRequested, @linkBase, @upstreamId)`,
    ),
    reissue: db.prepare(
      `UPDATE invites SET token_hash = @tokenHash, expires_at = @expiresAt, reissued_count = reissued_count + 1,
         last_reissued_at = @now, email_requested = @emailRequested, email_sent_at = NULL, email_error = NULL,
         link_base = @linkBase
       WHERE id = @id`,
    ),
    revoke: db.prepare("UPDATE invites SET status = 'revoked', revoked_at = @now, revoked_by = @by WHERE id = @id"),
    byTokenHash: db.prepare<[Buffer], { id: string }>('SELECT id FROM invites WHERE token_hash = ?'),
    accept: db.prepare(
      `UPDATE invites SET status = 'accepted', accepted_at = @now, accepted_by_email = @acceptedByEmail, upstream_id = @upstreamId
       WHERE id = @id`,
    ),
    emailSent: db.prepare('UPDATE invites SET email_sent_at = @now, email_error = NULL WHERE id = @id'),
    emailFailed: db.prepare('UPDATE invites SET email_sent_at = NULL, email_error = @error WHERE id = @id'),
    lapsedBatch: db.prepare(
      "UPDATE invites SET status = 'expired' WHERE seq IN (SELECT seq FROM invites WHERE status = 'active' AND expires_at <= ? LIMIT 500)",
    ),
  };

  /** The invite, provided it can still be acted on: its Pool active and itself active now. */
  function actionable(id: string, at: number): InviteRecord {
    const invite = query.existing(id);
    pools.requireActive(invite.pool_id);
    const status = effectiveStatus(invite.status, invite.expires_at, at);
    if (status !== 'active') throw new AppError('not_active', NOT_ACTIVE[status] ?? 'This invite is not active.');
    return invite;
  }

  /** Makes `change`'s write with its audit entry, announces the invite, and returns it as stored. */
  function commit(change: () => { inviteId: string; poolId: string; audit: AuditRecord }): InviteRecord {
    return changes.write((write) => {
      const result = change();
      write.audit(result.audit);
      write.emit({ name: 'invites.changed', payload: { inviteId: result.inviteId, poolId: result.poolId } });
      const invite = query.existing(result.inviteId);
      // An account row shows its relink link: it changes with the link.
      if (invite.kind === 'relink' && invite.upstream_id)
        write.emit({ name: 'upstreams.changed', payload: { upstreamId: invite.upstream_id } });
      return invite;
    });
  }

  /** Stores a new active invite or relink link under a fresh token's hash, pointing where links point now. */
  function insertActive(row: {
    kind: InviteKind;
    poolId: string;
    email: string;
    upstreamId: string | null;
    ttl: number;
    at: number;
    hash: Buffer;
    actor: Actor;
    emailRequested: boolean;
  }): { id: string; expiresAt: number } {
    const id = newId('invite');
    const expiresAt = row.at + row.ttl * 1000;
    statements.insert.run({
      id,
      kind: row.kind,
      poolId: row.poolId,
      email: row.email,
      upstreamId: row.upstreamId,
      tokenHash: row.hash,
      ttl: row.ttl,
      now: row.at,
      createdBy: row.actor.name,
      expiresAt,
      emailRequested: row.emailRequested ? 1 : 0,
      linkBase: publicUrl(),
    });
    return { id, expiresAt };
  }

  function issued(invite: InviteRecord, token: string, at: number): IssuedInvite {
    return {
      invite: toInviteRow(invite, at),
      url: inviteUrl(invite.link_base ?? publicUrl(), token),
      email: { outcome: 'not_requested', reason: null },
    };
  }

  return {
    create(input, actor) {
      const at = now();
      const ttl = INVITE_EXPIRIES[input.expiry];
      const { token, hash } = mintInviteToken();
      const invite = commit(() => {
        const pool = pools.requireActive(input.poolId);
        // A lapsed invite never blocks a new one: store it as expired, freeing the unique slot.
        statements.storeLapsedFor.run(pool.id, input.email, at);
        if (statements.activeFor.get(pool.id, input.email)) {
          const message = 'An active invite already exists for this account and Pool.';
          throw new AppError('invite_exists', message, { email: message });
        }
        const { id, expiresAt } = insertActive({
          kind: 'invite',
          poolId: pool.id,
          email: input.email,
          upstreamId: null,
          ttl,
          at,
          hash,
          actor,
          emailRequested: input.emailRequested,
        });
        return {
          inviteId: id,
          poolId: pool.id,
          audit: {
            actor,
            action: 'invite.created',
            targetType: 'invite',
            targetId: id,
            poolId: pool.id,
            details: {
              email: input.email,
              poolName: pool.name,
              expiresAt,
              ttlSeconds: ttl,
              emailRequested: input.emailRequested,
            },
          },
        };
      });
      return issued(invite, token, at);
    },

    createRelink(input, actor) {
      const at = now();
      const ttl = INVITE_EXPIRIES[input.expiry];
      const { token, hash } = mintInviteToken();
      const invite = commit(() => {
        const pool = pools.requireActive(input.poolId);
        statements.storeLapsedRelink.run(input.upstream.id, at);
        if (statements.activeRelink.get(input.upstream.id)) {
          throw new AppError(
            'invite_exists',
            'A relink link is already active for this account. Reissue or revoke it on the Invites page.',
          );
        }
        const { id, expiresAt } = insertActive({
          kind: 'relink',
          poolId: pool.id,
          email: input.upstream.email,
          upstreamId: input.upstream.id,
          ttl,
          at,
          hash,
          actor,
          emailRequested: input.emailRequested,
        });
        return {
          inviteId: id,
          poolId: pool.id,
          audit: {
            actor,
            action: 'invite.relink_created',
            targetType: 'invite',
            targetId: id,
            poolId: pool.id,
            details: {
              email: input.upstream.email,
              poolName: pool.name,
              upstreamId: input.upstream.id,
              expiresAt,
              ttlSeconds: ttl,
              emailRequested: input.emailRequested,
            },
          },
        };
      });
      return issued(invite, token, at);
    },

    activeRelinkFor(upstreamId) {
      const found = statements.activeRelink.get(upstreamId);
      if (!found) return undefined;
      const invite = query.existing(found.id);
      return effectiveStatus(invite.status, invite.expires_at, now()) === 'active' ? invite : undefined;
    },

    revokeRelinkFor(upstreamId, actor) {
      const found = statements.activeRelink.get(upstreamId);
      if (!found) return false;
      const at = now();
      commit(() => {
        const current = query.existing(found.id);
        statements.revoke.run({ id: current.id, now: at, by: actor.name });
        return {
          inviteId: current.id,
          poolId: current.pool_id,
          audit: {
            actor,
            action: 'invite.revoked',
            targetType: 'invite',
            targetId: current.id,
            poolId: current.pool_id,
            details: { email: current.email, poolName: current.pool_name },
          },
        };
      });
      return true;
    },

    reissue(id, actor, options) {
      const at = now();
      const { token, hash } = mintInviteToken();
      const invite = commit(() => {
        const current = actionable(id, at);
        const expiresAt = at + current.ttl_seconds * 1000;
        statements.reissue.run({
          id,
          tokenHash: hash,
          expiresAt,
          now: at,
          emailRequested: options.emailRequested ? 1 : 0,
          linkBase: publicUrl(),
        });
        return {
          inviteId: id,
          poolId: current.pool_id,
          audit: {
            actor,
            action: 'invite.reissued',
            targetType: 'invite',
            targetId: id,
            poolId: current.pool_id,
            details: {
              email: current.email,
              poolName: current.pool_name,
              expiresAt,
              reissuedCount: current.reissued_count + 1,
            },
          },
        };
      });
      return issued(invite, token, at);
    },

    revoke(id, actor) {
      const at = now();
      const invite = commit(() => {
        const current = actionable(id, at);
        statements.revoke.run({ id, now: at, by: actor.name });
        return {
          inviteId: id,
          poolId: current.pool_id,
          audit: {
            actor,
            action: 'invite.revoked',
            targetType: 'invite',
            targetId: id,
            poolId: current.pool_id,
            details: { email: current.email, poolName: current.pool_name },
          },
        };
      });
      return toInviteRow(invite, at);
    },

    accept(tokenHash, acceptance) {
      const at = now();
      const invite = commit(() => {
        const found = statements.byTokenHash.get(tokenHash);
        if (!found) throw new AppError('not_found', 'This invite link is not valid.');
        const current = actionable(found.id, at);
        statements.accept.run({ id: current.id, now: at, ...acceptance });
        return {
          inviteId: current.id,
          poolId: current.pool_id,
          audit: {
            actor: { kind: 'invitee', name: acceptance.acceptedByEmail },
            action: 'invite.accepted',
            targetType: 'invite',
            targetId: current.id,
            poolId: current.pool_id,
            details: { email: current.email, poolName: current.pool_name, upstreamId: acceptance.upstreamId },
          },
        };
      });
      return toInviteRow(invite, at);
    },

    recordEmail(id, outcome) {
      const at = now();
      const invite = commit(() => {
        const current = query.existing(id);
        if (outcome.sent) statements.emailSent.run({ id, now: at });
        else statements.emailFailed.run({ id, error: outcome.error });
        const about = { actor: CONSOLE_ACTOR, targetType: 'invite', targetId: id, poolId: current.pool_id } as const;
        const facts = { email: current.email, poolName: current.pool_name };
        return {
          inviteId: id,
          poolId: current.pool_id,
          audit: outcome.sent
            ? { ...about, action: 'invite.email_sent', details: facts }
            : { ...about, action: 'invite.email_failed', details: { ...facts, error: outcome.error } },
        };
      });
      return toInviteRow(invite, at);
    },

    sweepLapsed() {
      let total = 0;
      for (;;) {
        // Not announced: a lapsed invite already reads as expired everywhere; this only stores it.
        const changed = writeTransaction(db, () => statements.lapsedBatch.run(now()).changes);
        total += changed;
        if (changed === 0) return total;
      }
    },
  };
}
