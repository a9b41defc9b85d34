import type { Db } from '../db/open-database';
import { newId } from '../ids';
import type { OAuthTokens } from '../openai/device-code-client';
import type { Secrets } from '../secrets/secrets';

export interface LinkedAccount {
  accountId: string;
  userId: string;
  email: string;
  planType: string | null;
  tokens: OAuthTokens;
  accessTokenExpiresAt: number | null;
}

/** The sealing purpose of one token column of one upstream: a sealed value fits nowhere else. */
export function tokenPurpose(upstreamId: string, column: 'access_token' | 'refresh_token' | 'id_token'): string {
  return `upstream:${upstreamId}:${column}`;
}

export function createUpstreamsStore(db: Db, secrets: Secrets, now: () => number) {
  const statements = {
    byAccount: db.prepare<[string, string], { id: string }>('SELECT id FROM upstreams WHERE chatgpt_account_id = ? AND chatgpt_user_id = ?'),
    insert: db.prepare(
      `INSERT INTO upstreams (id, chatgpt_account_id, chatgpt_user_id, email, plan_type, credential_state, created_at, updated_at)
       VALUES (@id, @accountId, @userId, @email, @planType, 'ready', @now, @now)`,
    ),
    storeTokens: db.prepare(
      `UPDATE upstreams SET email = @email, plan_type = @planType, credential_state = 'ready', credential_reason = NULL,
         access_token = @access, refresh_token = @refresh, id_token = @id_token, access_token_expires_at = @expiresAt,
         last_refresh_at = @now, updated_at = @now
       WHERE id = @id`,
    ),
    join: db.prepare('INSERT OR IGNORE INTO upstream_pools (upstream_id, pool_id, joined_at) VALUES (?, ?, ?)'),
  };

  return {
    /**
     * Creates the upstream for an account, or refreshes the one that exists (one per account and
     * user, whatever Pools it is in), stores its tokens sealed, and adds it to the Pool.
     * Call inside the transaction that accepts the invite.
     */
    link(account: LinkedAccount, poolId: string): { upstreamId: string; created: boolean; joined: boolean } {
      const at = now();
      const existing = statements.byAccount.get(account.accountId, account.userId);
      const upstreamId = existing?.id ?? newId('upstream');
      if (!existing) statements.insert.run({ id: upstreamId, accountId: account.accountId, userId: account.userId, email: account.email, planType: account.planType, now: at });
      statements.storeTokens.run({
        id: upstreamId,
        email: account.email,
        planType: account.planType,
        access: secrets.seal(tokenPurpose(upstreamId, 'access_token'), account.tokens.accessToken),
        refresh: secrets.seal(tokenPurpose(upstreamId, 'refresh_token'), account.tokens.refreshToken),
        id_token: secrets.seal(tokenPurpose(upstreamId, 'id_token'), account.tokens.idToken),
        expiresAt: account.accessTokenExpiresAt,
        now: at,
      });
      const joined = statements.join.run(upstreamId, poolId, at).changes > 0;
      return { upstreamId, created: !existing, joined };
    },
  };
}

export type UpstreamsStore = ReturnType<typeof createUpstreamsStore>;
