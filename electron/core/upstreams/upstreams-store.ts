import type { AccountIdentity } from '../../../shared/accounts/same-account';
import type { QuotaWindow } from '../../../shared/contract';
import type { Db } from '../db/open-database';
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

export interface UpstreamRecord {
  id: string;
  chatgpt_account_id: string;
  chatgpt_user_id: string;
  email: string;
  plan_type: string | null;
  credential_state: 'pending' | 'ready' | 'refresh_due' | 'refresh_failed' | 'reauth_required';
  credential_reason: string | null;
  access_token: Buffer | null;
  refresh_token: Buffer | null;
  id_token: Buffer | null;
  access_token_expires_at: number | null;
  last_refresh_at: number | null;
  refresh_started_at: number | null;
  refresh_failures: number;
  next_refresh_at: number | null;
  handed_off_at: number | null;
  tokens_exported_at: number | null;
  created_at: number;
  updated_at: number;
}

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

export function createUpstreamsStore(db: Db, secrets: Secrets, now: () => number) {
  const statements = {
    byId: db.prepare<[string], UpstreamRecord>('SELECT * FROM upstreams WHERE id = ?'),
    byAccount: db.prepare<[string, string], { id: string }>(
      'SELECT id FROM upstreams WHERE chatgpt_account_id = ? AND chatgpt_user_id = ?',
    ),
    insert: db.prepare(
      `INSERT INTO upstreams (id, chatgpt_account_id, chatgpt_user_id, email, plan_type, credential_state, created_at, updated_at)
       VALUES (@id, @accountId, @userId, @email, @planType, 'ready', @now, @now)`,
    ),
    storeTokens: db.prepare(
      `UPDATE upstreams SET email = @email, plan_type = @planType, credential_state = 'ready', credential_reason = NULL,
         access_token = @access, refresh_token = @refresh, id_token = @id_token, access_token_expires_at = @expiresAt,
         last_refresh_at = @now, refresh_started_at = NULL, refresh_failures = 0, next_refresh_at = NULL, handed_off_at = NULL, tokens_exported_at = NULL,
         updated_at = @now
       WHERE id = @id`,
    ),
    join: db.prepare('INSERT OR IGNORE INTO upstream_pools (upstream_id, pool_id, joined_at) VALUES (?, ?, ?)'),
    leave: db.prepare('DELETE FROM upstream_pools WHERE upstream_id = ? AND pool_id = ?'),
    poolName: db.prepare<[string], { name: string }>('SELECT name FROM pools WHERE id = ?'),
    poolCount: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM upstream_pools WHERE upstream_id = ?'),
    remove: db.prepare('DELETE FROM upstreams WHERE id = ?'),
    beginRefresh: db.prepare('UPDATE upstreams SET refresh_started_at = ? WHERE id = ? AND refresh_started_at IS NULL'),
    setState: db.prepare(
      `UPDATE upstreams SET credential_state = @state, credential_reason = @reason, refresh_started_at = NULL,
         refresh_failures = @failures, next_refresh_at = @nextAt, updated_at = @now WHERE id = @id`,
    ),
    interrupted: db.prepare<[], { id: string }>('SELECT id FROM upstreams WHERE refresh_started_at IS NOT NULL'),
    dueForRefresh: db.prepare<{ now: number; soon: number; stale: number }, { id: string }>(
      `SELECT id FROM upstreams
       WHERE refresh_token IS NOT NULL AND refresh_started_at IS NULL AND handed_off_at IS NULL AND (
         (credential_state = 'ready' AND (access_token_expires_at <= @soon OR (access_token_expires_at IS NULL AND last_refresh_at <= @stale)))
         OR (credential_state = 'refresh_failed' AND coalesce(next_refresh_at, 0) <= @now))`,
    ),
    dueForProbe: db.prepare<[number], { id: string }>(
      `SELECT u.id FROM upstreams u LEFT JOIN upstream_quota q ON q.upstream_id = u.id
       WHERE u.credential_state IN ('ready', 'refresh_failed') AND u.access_token IS NOT NULL AND u.handed_off_at IS NULL
         AND (q.next_probe_at IS NULL OR q.next_probe_at <= ?)`,
    ),
    saveQuota: db.prepare(
      `INSERT INTO upstream_quota (upstream_id, windows, limit_reached, observed_at, checked_at, error, next_probe_at)
       VALUES (@id, @windows, @limitReached, @now, @now, NULL, @nextAt)
       ON CONFLICT (upstream_id) DO UPDATE SET windows = excluded.windows, limit_reached = excluded.limit_reached,
         observed_at = excluded.observed_at, checked_at = excluded.checked_at, error = NULL, next_probe_at = excluded.next_probe_at`,
    ),
    quotaFailed: db.prepare(
      `INSERT INTO upstream_quota (upstream_id, checked_at, error, next_probe_at) VALUES (@id, @now, @error, @nextAt)
       ON CONFLICT (upstream_id) DO UPDATE SET checked_at = excluded.checked_at, error = excluded.error, next_probe_at = excluded.next_probe_at`,
    ),
    handOff: db.prepare(
      'UPDATE upstreams SET handed_off_at = ?, updated_at = ? WHERE id = ? AND handed_off_at IS NULL',
    ),
    lineage: db.prepare(
      'INSERT INTO upstream_lineage (upstream_id, event, invite_id, actor, at) VALUES (@upstreamId, @event, @inviteId, @actor, @at)',
    ),
    exported: db.prepare('UPDATE upstreams SET tokens_exported_at = ? WHERE id = ?'),
    setPlan: db.prepare('UPDATE upstreams SET plan_type = ? WHERE id = ? AND plan_type IS NOT ?'),
  };

  const seal = (id: string, column: TokenColumn, value: string) => secrets.seal(tokenPurpose(id, column), value);

  function storeTokens(id: string, account: Omit<LinkedAccount, 'accountId' | 'userId'>) {
    statements.storeTokens.run({
      id,
      email: account.email,
      planType: account.planType,
      access: seal(id, 'access_token', account.tokens.accessToken),
      refresh: seal(id, 'refresh_token', account.tokens.refreshToken),
      id_token: seal(id, 'id_token', account.tokens.idToken),
      expiresAt: account.accessTokenExpiresAt,
      now: now(),
    });
  }

  return {
    byId: (id: string) => statements.byId.get(id),
    /** The account, or `not_found` for the caller's channel to answer with. */
    existing(id: string): UpstreamRecord {
      const found = statements.byId.get(id);
      if (!found) throw unknownUpstream();
      return found;
    },

    /**
     * Creates the upstream for an account, or refreshes the one that exists (one per account and
     * user, whatever Pools it is in), stores its tokens sealed, and adds it to the Pool.
     * Call inside the transaction that accepts the invite (or imports the file).
     */
    link(account: LinkedAccount, poolId: string): { upstreamId: string; created: boolean; joined: boolean } {
      const at = now();
      const existing = statements.byAccount.get(account.accountId, account.userId);
      const upstreamId = existing?.id ?? newId('upstream');
      if (!existing)
        statements.insert.run({
          id: upstreamId,
          accountId: account.accountId,
          userId: account.userId,
          email: account.email,
          planType: account.planType,
          now: at,
        });
      storeTokens(upstreamId, account);
      const joined = statements.join.run(upstreamId, poolId, at).changes > 0;
      return { upstreamId, created: !existing, joined };
    },

    /** New tokens for an upstream that exists (a refresh or a relink). Call inside a transaction. */
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
    beginRefresh: (id: string) => statements.beginRefresh.run(now(), id).changes > 0,

    setState(
      id: string,
      state: UpstreamRecord['credential_state'],
      reason: string | null,
      retry: { failures: number; nextAt: number | null } = { failures: 0, nextAt: null },
    ) {
      statements.setState.run({ id, state, reason, failures: retry.failures, nextAt: retry.nextAt, now: now() });
    },

    /** Upstreams whose refresh was under way when the console last stopped. */
    interruptedRefreshes: () => statements.interrupted.all().map((r) => r.id),

    dueForRefresh: (at: number) =>
      statements.dueForRefresh
        .all({ now: at, soon: at + REFRESH_WINDOW_MS, stale: at - REFRESH_FALLBACK_MS })
        .map((r) => r.id),
    dueForProbe: (at: number) => statements.dueForProbe.all(at).map((r) => r.id),

    saveQuota(
      id: string,
      reading: { windows: QuotaWindow[]; limitReached: boolean; planType: string | null },
      nextAt: number,
    ) {
      statements.saveQuota.run({
        id,
        windows: JSON.stringify(reading.windows),
        limitReached: reading.limitReached ? 1 : 0,
        now: now(),
        nextAt,
      });
      if (reading.planType) statements.setPlan.run(reading.planType, id, reading.planType);
    },
    quotaFailed: (id: string, error: string, nextAt: number) =>
      statements.quotaFailed.run({ id, error, now: now(), nextAt }),

    /** Leaves one Pool; says how many Pools it is still in, and the Pool's name. Call inside a transaction. */
    leave(id: string, poolId: string): { left: boolean; remaining: number; poolName: string | null } {
      const left = statements.leave.run(id, poolId).changes > 0;
      const poolName = statements.poolName.get(poolId)?.name ?? null;
      return { left, remaining: statements.poolCount.get(id)?.n ?? 0, poolName };
    },
    /**
     * One step of the account's credential lineage: where its tokens came from (invite, relink,
     * import) or an export of them. Call inside the transaction that made the step; returns its time.
     */
    recordLineage(upstreamId: string, event: LineageEvent, actor: string, inviteId: string | null = null): number {
      const at = now();
      statements.lineage.run({ upstreamId, event, inviteId, actor, at });
      if (event === 'export_copy' || event === 'export_handoff') statements.exported.run(at, upstreamId);
      return at;
    },
    /** Stops refreshing the account at `at` (the hand-off export's time). Call inside a transaction. */
    handOff: (id: string, at: number) => statements.handOff.run(at, at, id).changes > 0,

    /** Deletes the account, its Pool memberships, its quota and its sealed tokens. */
    remove: (id: string) => statements.remove.run(id).changes > 0,
  };
}

export type UpstreamsStore = ReturnType<typeof createUpstreamsStore>;
