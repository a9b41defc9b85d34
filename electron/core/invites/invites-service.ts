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
  create(input: CreateInvite, actor: Actor): Promise<IssuedInvite>;
  /** A relink link: an invite of kind `relink` bound to one account; at most one active per account. */
  createRelink(input: CreateRelink, actor: Actor): Promise<IssuedInvite>;
  /** The account's active relink link, if any. */
  activeRelinkFor(upstreamId: string): Promise<InviteRecord | undefined>;
  /** Revokes the account's active relink link (it was relinked, recovered or deleted). Joins an open write. */
  revokeRelinkFor(upstreamId: string, actor: Actor): Promise<boolean>;
  /** A new token on the same invite: fresh expiry, the old URL dead at once. */
  reissue(id: string, actor: Actor, options: { emailRequested: boolean }): Promise<IssuedInvite>;
  revoke(id: string, actor: Actor): Promise<InviteRow>;
  /**
   * The core half of onboarding: exactly once, and only while the invite is active, unexpired and
   * its Pool active. Loses cleanly (not_active) to a revoke, a reissue or expiry. Inside a larger
   * write (linking the account), it commits with it.
   */
  accept(tokenHash: Buffer, acceptance: Acceptance): Promise<InviteRow>;
  /** Records how the invite email went (email_sent_at or email_error) with its audit entry. */
  recordEmail(id: string, outcome: { sent: true } | { sent: false; error: SmtpFailure }): Promise<InviteRow>;
  /** Stores lapsed active invites as expired, in small batches; returns how many. */
  sweepLapsed(): Promise<number>;
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
    publicUrl: () => Promise<string>;
  },
): InvitesService {
  const { db, query, pools, changes, now, publicUrl } = deps;
  const invites = () => db.q().updateTable('invites');
  const idOf = (row: { id: string } | undefined) => row?.id;
  const statements = {
    storeLapsedFor: (poolId: string, email: string, at: number) =>
      invites()
        .set({ status: 'expired' })
        .where('pool_id', '=', poolId)
        .where('email', '=', email)
        .where('status', '=', 'active')
        .where('kind', '=', 'invite')
        .where('expires_at', '<=', at)
        .execute(),
    activeFor: (poolId: string, email: string) =>
      db
        .q()
        .selectFrom('invites')
        .select('id')
        .where('pool_id', '=', poolId)
        .where('email', '=', email)
        .where('status', '=', 'active')
        .where('kind', '=', 'invite')
        .executeTakeFirst()
        .then(idOf),
    storeLapsedRelink: (upstreamId: string, at: number) =>
      invites()
        .set({ status: 'expired' })
        .where('upstream_id', '=', upstreamId)
        .where('status', '=', 'active')
        .where('kind', '=', 'relink')
        .where('expires_at', '<=', at)
        .execute(),
    activeRelink: (upstreamId: string) =>
      db
        .q()
        .selectFrom('invites')
        .select('id')
        .where('upstream_id', '=', upstreamId)
        .where('status', '=', 'active')
        .where('kind', '=', 'relink')
        .executeTakeFirst()
        .then(idOf),
    revoke: (id: string, at: number, by: string) =>
      invites().set({ status: 'revoked', revoked_at: at, revoked_by: by }).where('id', '=', id).execute(),
    byTokenHash: (hash: Buffer) =>
      db.q().selectFrom('invites').select('id').where('token_hash', '=', hash).executeTakeFirst().then(idOf),
  };

  /** The invite, provided it can still be acted on: its Pool active and itself active now. */
  async function actionable(id: string, at: number): Promise<InviteRecord> {
    const invite = await query.existing(id);
    await pools.requireActive(invite.pool_id);
    const status = effectiveStatus(invite.status, invite.expires_at, at);
    if (status !== 'active') throw new AppError('not_active', NOT_ACTIVE[status] ?? 'This invite is not active.');
    return invite;
  }

  /** Makes `change`'s write with its audit entry, announces the invite, and returns it as stored. */
  function commit(
    change: () => Promise<{ inviteId: string; poolId: string; audit: AuditRecord }>,
  ): Promise<InviteRecord> {
    return changes.write(async (write) => {
      const result = await change();
      await write.audit(result.audit);
      write.emit({ name: 'invites.changed', payload: { inviteId: result.inviteId, poolId: result.poolId } });
      const invite = await query.existing(result.inviteId);
      // An account row shows its relink link: it changes with the link.
      if (invite.kind === 'relink' && invite.upstream_id)
        write.emit({ name: 'upstreams.changed', payload: { upstreamId: invite.upstream_id } });
      return invite;
    });
  }

  /** Stores a new active invite or relink link under a fresh token's hash, pointing where links point now. */
  async function insertActive(row: {
    kind: InviteKind;
    poolId: string;
    email: string;
    upstreamId: string | null;
    ttl: number;
    at: number;
    hash: Buffer;
    actor: Actor;
    emailRequested: boolean;
  }): Promise<{ id: string; expiresAt: number }> {
    const id = newId('invite');
    const expiresAt = row.at + row.ttl * 1000;
    await db
      .q()
      .insertInto('invites')
      .values({
        id,
        kind: row.kind,
        pool_id: row.poolId,
        email: row.email,
        token_hash: row.hash,
        status: 'active',
        ttl_seconds: row.ttl,
        created_at: row.at,
        created_by: row.actor.name,
        expires_at: expiresAt,
        email_requested: row.emailRequested ? 1 : 0,
        link_base: await publicUrl(),
        upstream_id: row.upstreamId,
      })
      .execute();
    return { id, expiresAt };
  }

  async function issued(invite: InviteRecord, token: string, at: number): Promise<IssuedInvite> {
    return {
      invite: toInviteRow(invite, at),
      url: inviteUrl(invite.link_base ?? (await publicUrl()), token),
      email: { outcome: 'not_requested', reason: null },
    };
  }

  return {
    async create(input, actor) {
      const at = now();
      const ttl = INVITE_EXPIRIES[input.expiry];
      const { token, hash } = mintInviteToken();
      const invite = await commit(async () => {
        const pool = await pools.requireActive(input.poolId);
        // A lapsed invite never blocks a new one: store it as expired, freeing the unique slot.
        await statements.storeLapsedFor(pool.id, input.email, at);
        if (await statements.activeFor(pool.id, input.email)) {
          const message = 'An active invite already exists for this account and Pool.';
          throw new AppError('invite_exists', message, { email: message });
        }
        const { id, expiresAt } = await insertActive({
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

    async createRelink(input, actor) {
      const at = now();
      const ttl = INVITE_EXPIRIES[input.expiry];
      const { token, hash } = mintInviteToken();
      const invite = await commit(async () => {
        const pool = await pools.requireActive(input.poolId);
        await statements.storeLapsedRelink(input.upstream.id, at);
        if (await statements.activeRelink(input.upstream.id)) {
          throw new AppError(
            'invite_exists',
            'A relink link is already active for this account. Reissue or revoke it on the Invites page.',
          );
        }
        const { id, expiresAt } = await insertActive({
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

    async activeRelinkFor(upstreamId) {
      const found = await statements.activeRelink(upstreamId);
      if (!found) return undefined;
      const invite = await query.existing(found);
      return effectiveStatus(invite.status, invite.expires_at, now()) === 'active' ? invite : undefined;
    },

    async revokeRelinkFor(upstreamId, actor) {
      const at = now();
      // Looked up inside the write: a link revoked or accepted meanwhile is left as it is.
      return changes.write(async () => {
        const found = await statements.activeRelink(upstreamId);
        if (!found) return false;
        await commit(async () => {
          const current = await query.existing(found);
          await statements.revoke(current.id, at, actor.name);
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
      });
    },

    async reissue(id, actor, options) {
      const at = now();
      const { token, hash } = mintInviteToken();
      const invite = await commit(async () => {
        const current = await actionable(id, at);
        const expiresAt = at + current.ttl_seconds * 1000;
        const linkBase = await publicUrl();
        await invites()
          .set((e) => ({
            token_hash: hash,
            expires_at: expiresAt,
            reissued_count: e('reissued_count', '+', 1),
            last_reissued_at: at,
            email_requested: options.emailRequested ? 1 : 0,
            email_sent_at: null,
            email_error: null,
            link_base: linkBase,
          }))
          .where('id', '=', id)
          .execute();
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

    async revoke(id, actor) {
      const at = now();
      const invite = await commit(async () => {
        const current = await actionable(id, at);
        await statements.revoke(id, at, actor.name);
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

    async accept(tokenHash, acceptance) {
      const at = now();
      const invite = await commit(async () => {
        const found = await statements.byTokenHash(tokenHash);
        if (!found) throw new AppError('not_found', 'This invite link is not valid.');
        const current = await actionable(found, at);
        await invites()
          .set({
            status: 'accepted',
            accepted_at: at,
            accepted_by_email: acceptance.acceptedByEmail,
            upstream_id: acceptance.upstreamId,
          })
          .where('id', '=', current.id)
          .execute();
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

    async recordEmail(id, outcome) {
      const at = now();
      const invite = await commit(async () => {
        const current = await query.existing(id);
        await invites()
          .set(
            outcome.sent
              ? { email_sent_at: at, email_error: null }
              : { email_sent_at: null, email_error: outcome.error },
          )
          .where('id', '=', id)
          .execute();
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

    async sweepLapsed() {
      let total = 0;
      for (;;) {
        // Not announced: a lapsed invite already reads as expired everywhere; this only stores it.
        const result = await db.write(() =>
          invites()
            .set({ status: 'expired' })
            .where('seq', 'in', (q) =>
              q
                .selectFrom('invites')
                .select('seq')
                .where('status', '=', 'active')
                .where('expires_at', '<=', now())
                .limit(500),
            )
            .executeTakeFirst(),
        );
        const changed = Number(result.numUpdatedRows);
        total += changed;
        if (changed === 0) return total;
      }
    },
  };
}
