import type { AccountIdentity } from '../../../shared/accounts/same-account';
import type { QuotaWindow } from '../../../shared/contract';
import type { Selectable } from 'kysely';
import type { Schema } from '../db/sql/schema';
import type { SqlDatabase } from '../db/sql/sql-database';
import { AppError } from '../errors';
import { newId } from '../ids';
import type { OAuthTokens } from '../openai/device-code-client';
import type { Secrets } from '../secrets/secrets';

/** The contract's answer for an account id that names no account. */
export const unknownUpstream = () =>
  new AppError('not_found', 'That account does not exist.', { id: 'Unknown account.' });

export interface LinkedAccount {
  accountId: string;
  userId: string;
  email: string;
  planType: string | null;
  tokens: OAuthTokens;
  accessTokenExpiresAt: number | null;
}

/** An upstreams row as the database returns it (the tokens sealed). */
export type UpstreamRecord = Omit<Selectable<Schema['upstreams']>, 'credential_state'> & {
  credential_state: 'pending' | 'ready' | 'refresh_due' | 'refresh_failed' | 'reauth_required';
};

/** The account an upstream holds, for `sameAccount`. */
export function identityOf(upstream: Pick<UpstreamRecord, 'chatgpt_account_id' | 'chatgpt_user_id'>): AccountIdentity {
  return { accountId: upstream.chatgpt_account_id, userId: upstream.chatgpt_user_id };
}

export type LineageEvent = 'invite' | 'relink' | 'import' | 'export_copy' | 'export_handoff';

type TokenColumn = 'access_token' | 'refresh_token' | 'id_token';

/** The sealing purpose of one token column of one upstream: a sealed value fits nowhere else. */
function tokenPurpose(upstreamId: string, column: TokenColumn): string {
  return `upstream:${upstreamId}:${column}`;
}

/** Access tokens are refreshed this long before they expire (reference §3.4). */
export const REFRESH_WINDOW_MS = 5 * 60_000;
/** Without a readable expiry, Codex refreshes after 8 days (reference §3.4). */
const REFRESH_FALLBACK_MS = 8 * 24 * 3600_000;

export function createUpstreamsStore(db: SqlDatabase, secrets: Secrets, now: () => number) {
  const upstreams = () => db.q().updateTable('upstreams');
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
  const changed = (result: { numUpdatedRows: bigint } | { numDeletedRows: bigint }) =>
    ('numUpdatedRows' in result ? result.numUpdatedRows : result.numDeletedRows) > 0n;
  const byId = (id: string) =>
    db.q().selectFrom('upstreams').selectAll().where('id', '=', id).executeTakeFirst() as Promise<
      UpstreamRecord | undefined
    >;

  const seal = (id: string, column: TokenColumn, value: string) => secrets.seal(tokenPurpose(id, column), value);

  async function storeTokens(id: string, account: Omit<LinkedAccount, 'accountId' | 'userId'>): Promise<void> {
    const at = now();
    await upstreams()
      .set({
        email: account.email,
        plan_type: account.planType,
        credential_state: 'ready',
        credential_reason: null,
        access_token: seal(id, 'access_token', account.tokens.accessToken),
        refresh_token: seal(id, 'refresh_token', account.tokens.refreshToken),
        id_token: seal(id, 'id_token', account.tokens.idToken),
        access_token_expires_at: account.accessTokenExpiresAt,
        last_refresh_at: at,
        refresh_started_at: null,
        refresh_failures: 0,
        next_refresh_at: null,
        handed_off_at: null,
        tokens_exported_at: null,
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
  }

  return {
    byId,
    /** The account, or `not_found` for the caller's channel to answer with. */
    async existing(id: string): Promise<UpstreamRecord> {
      const found = await byId(id);
      if (!found) throw unknownUpstream();
      return found;
    },

    /**
     * Creates the upstream for an account, or refreshes the one that exists (one per account and
     * user, whatever Pools it is in), stores its tokens sealed, and adds it to the Pool.
     * Call inside the write that accepts the invite (or imports the file).
     */
    async link(
      account: LinkedAccount,
      poolId: string,
    ): Promise<{ upstreamId: string; created: boolean; joined: boolean }> {
      const at = now();
      const existing = await db
        .q()
        .selectFrom('upstreams')
        .select('id')
        .where('chatgpt_account_id', '=', account.accountId)
        .where('chatgpt_user_id', '=', account.userId)
        .executeTakeFirst();
      const upstreamId = existing?.id ?? newId('upstream');
      if (!existing)
        await db
          .q()
          .insertInto('upstreams')
          .values({
            id: upstreamId,
            chatgpt_account_id: account.accountId,
            chatgpt_user_id: account.userId,
            email: account.email,
            plan_type: account.planType,
            credential_state: 'ready',
            created_at: at,
            updated_at: at,
          })
          .execute();
      await storeTokens(upstreamId, account);
      const joined = await db
        .q()
        .insertInto('upstream_pools')
        .values({ upstream_id: upstreamId, pool_id: poolId, joined_at: at })
        .onConflict((c) => c.doNothing())
        .returning('pool_id')
        .executeTakeFirst();
      return { upstreamId, created: !existing, joined: joined !== undefined };
    },

    /** New tokens for an upstream that exists (a refresh or a relink). Call inside a write. */
    replaceTokens: storeTokens,

    /** The stored tokens, unsealed. */
    tokens(record: UpstreamRecord): {
      accessToken: string | null;
      refreshToken: string | null;
      idToken: string | null;
    } {
      const open = (column: TokenColumn) =>
        record[column] ? secrets.open(tokenPurpose(record.id, column), record[column]) : null;
      return { accessToken: open('access_token'), refreshToken: open('refresh_token'), idToken: open('id_token') };
    },

    /** Marks a refresh as under way (committed before the request leaves); false if one already is. */
    beginRefresh: async (id: string) =>
      changed(
        await upstreams()
          .set({ refresh_started_at: now() })
          .where('id', '=', id)
          .where('refresh_started_at', 'is', null)
          .executeTakeFirst(),
      ),

    async setState(
      id: string,
      state: UpstreamRecord['credential_state'],
      reason: string | null,
      retry: { failures: number; nextAt: number | null } = { failures: 0, nextAt: null },
    ): Promise<void> {
      await upstreams()
        .set({
          credential_state: state,
          credential_reason: reason,
          refresh_started_at: null,
          refresh_failures: retry.failures,
          next_refresh_at: retry.nextAt,
          updated_at: now(),
        })
        .where('id', '=', id)
        .execute();
    },

    /** Upstreams whose refresh was marked as under way before `before` (and never finished). */
    interruptedRefreshes: async (before: number) =>
      ids(await db.q().selectFrom('upstreams').select('id').where('refresh_started_at', '<', before).execute()),

    dueForRefresh: async (at: number) => {
      const soon = at + REFRESH_WINDOW_MS;
      const stale = at - REFRESH_FALLBACK_MS;
      return ids(
        await db
          .q()
          .selectFrom('upstreams')
          .select('id')
          .where('refresh_token', 'is not', null)
          .where('refresh_started_at', 'is', null)
          .where('handed_off_at', 'is', null)
          .where((e) =>
            e.or([
              e.and([
                e('credential_state', '=', 'ready'),
                e.or([
                  e('access_token_expires_at', '<=', soon),
                  e.and([e('access_token_expires_at', 'is', null), e('last_refresh_at', '<=', stale)]),
                ]),
              ]),
              e.and([
                e('credential_state', '=', 'refresh_failed'),
                e(e.fn.coalesce('next_refresh_at', e.lit(0)), '<=', at),
              ]),
            ]),
          )
          .execute(),
      );
    },
    dueForProbe: async (at: number) =>
      ids(
        await db
          .q()
          .selectFrom('upstreams as u')
          .leftJoin('upstream_quota as q', 'q.upstream_id', 'u.id')
          .select('u.id')
          .where('u.credential_state', 'in', ['ready', 'refresh_failed'])
          .where('u.access_token', 'is not', null)
          .where('u.handed_off_at', 'is', null)
          .where((e) => e.or([e('q.next_probe_at', 'is', null), e('q.next_probe_at', '<=', at)]))
          .execute(),
      ),

    async saveQuota(
      id: string,
      reading: { windows: QuotaWindow[]; limitReached: boolean; planType: string | null },
      nextAt: number,
    ): Promise<void> {
      const at = now();
      const row = {
        windows: JSON.stringify(reading.windows),
        limit_reached: reading.limitReached ? 1 : 0,
        observed_at: at,
        checked_at: at,
        error: null,
        next_probe_at: nextAt,
      };
      await db
        .q()
        .insertInto('upstream_quota')
        .values({ upstream_id: id, ...row })
        .onConflict((c) => c.column('upstream_id').doUpdateSet(row))
        .execute();
      if (reading.planType)
        await upstreams()
          .set({ plan_type: reading.planType })
          .where('id', '=', id)
          .where('plan_type', 'is distinct from', reading.planType)
          .execute();
    },
    async quotaFailed(id: string, error: string, nextAt: number): Promise<void> {
      const row = { checked_at: now(), error, next_probe_at: nextAt };
      await db
        .q()
        .insertInto('upstream_quota')
        .values({ upstream_id: id, ...row })
        .onConflict((c) => c.column('upstream_id').doUpdateSet(row))
        .execute();
    },

    /** Leaves one Pool; says how many Pools it is still in, and the Pool's name. Call inside a write. */
    async leave(id: string, poolId: string): Promise<{ left: boolean; remaining: number; poolName: string | null }> {
      const left = changed(
        await db
          .q()
          .deleteFrom('upstream_pools')
          .where('upstream_id', '=', id)
          .where('pool_id', '=', poolId)
          .executeTakeFirst(),
      );
      const pool = await db.q().selectFrom('pools').select('name').where('id', '=', poolId).executeTakeFirst();
      const count = await db
        .q()
        .selectFrom('upstream_pools')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('upstream_id', '=', id)
        .executeTakeFirst();
      return { left, remaining: Number(count?.n ?? 0), poolName: pool?.name ?? null };
    },
    /**
     * One step of the account's credential lineage: where its tokens came from (invite, relink,
     * import) or an export of them. Call inside the write that made the step; returns its time.
     */
    async recordLineage(
      upstreamId: string,
      event: LineageEvent,
      actor: string,
      inviteId: string | null = null,
    ): Promise<number> {
      const at = now();
      await db
        .q()
        .insertInto('upstream_lineage')
        .values({ upstream_id: upstreamId, event, invite_id: inviteId, actor, at })
        .execute();
      if (event === 'export_copy' || event === 'export_handoff')
        await upstreams().set({ tokens_exported_at: at }).where('id', '=', upstreamId).execute();
      return at;
    },
    /** Stops refreshing the account at `at` (the hand-off export's time). Call inside a write. */
    handOff: async (id: string, at: number) =>
      changed(
        await upstreams()
          .set({ handed_off_at: at, updated_at: at })
          .where('id', '=', id)
          .where('handed_off_at', 'is', null)
          .executeTakeFirst(),
      ),

    /** Deletes the account, its Pool memberships, its quota and its sealed tokens. */
    remove: async (id: string) => changed(await db.q().deleteFrom('upstreams').where('id', '=', id).executeTakeFirst()),
  };
}

export type UpstreamsStore = ReturnType<typeof createUpstreamsStore>;
