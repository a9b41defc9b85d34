import { decodeJwt } from 'jose';
import type { FakeAccount } from './accounts';
import { accessToken, idToken, refreshToken } from './jwt';

/** The refusals of reference §3.3, each answered the way the real server does. */
export type RefreshFailure = 'refresh_token_expired' | 'refresh_token_invalidated' | 'invalid_grant' | '401' | '500';

interface RefreshRecord {
  account: FakeAccount;
  state: 'active' | 'used' | 'invalidated';
}

export interface TokenSet {
  idToken: string;
  accessToken: string;
  refreshToken: string;
}

type RefreshAnswer =
  | { status: 200; body: Record<string, unknown>; tokens: TokenSet }
  | { status: number; body: unknown; tokens?: undefined };

const refused = (status: number, code: string, message: string) => ({
  status,
  body: { error: { message, type: 'invalid_request_error', param: null, code } },
});

/**
 * Every token the fake handed out: refresh tokens rotate (single use; a reuse is detected and
 * refused with `refresh_token_reused`), access tokens expire by their `exp` or when invalidated.
 */
export function createTokenLedger(
  issuer: () => string,
  switches: {
    accessTokenLifetimeSeconds: number;
    refreshFailure: RefreshFailure | null;
    refreshKeepsRefreshToken: boolean;
  },
) {
  const refreshTokens = new Map<string, RefreshRecord>();
  const accessTokens = new Map<string, { account: FakeAccount; expiresAt: number; revoked: boolean }>();

  function issue(account: FakeAccount): TokenSet {
    const now = Date.now();
    const tokens = {
      idToken: idToken(issuer(), account, now),
      accessToken: accessToken(issuer(), account, now, switches.accessTokenLifetimeSeconds),
      refreshToken: refreshToken(),
    };
    refreshTokens.set(tokens.refreshToken, { account, state: 'active' });
    accessTokens.set(tokens.accessToken, {
      account,
      expiresAt: (decodeJwt(tokens.accessToken).exp ?? 0) * 1000,
      revoked: false,
    });
    return tokens;
  }

  return {
    issue,

    /** `grant_type=refresh_token` (JSON or form body), per reference §3.1–§3.3. */
    refresh(token: string): RefreshAnswer {
      const record = refreshTokens.get(token);
      const failure = switches.refreshFailure;
      if (failure === '500')
        return { status: 500, body: { error: { message: 'Internal server error', type: 'server_error', code: null } } };
      if (!record)
        return refused(401, 'refresh_token_invalidated', 'Your refresh token was revoked. Please sign in again.');
      if (record.state === 'used')
        return refused(
          401,
          'refresh_token_reused',
          'Your refresh token has already been used to generate a new access token. Please try signing in again.',
        );
      if (record.state === 'invalidated')
        return refused(401, 'refresh_token_invalidated', 'Your refresh token was revoked. Please sign in again.');
      if (failure === 'refresh_token_expired' || failure === 'refresh_token_invalidated')
        return refused(401, failure, 'Your refresh token cannot be used. Please sign in again.');
      if (failure === 'invalid_grant')
        return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid refresh token' } };
      if (failure === '401')
        return { status: 401, body: { error: { message: 'Unauthorized', type: 'invalid_request_error', code: null } } };
      record.state = 'used';
      const tokens = issue(record.account);
      if (switches.refreshKeepsRefreshToken) {
        // The answer leaves the refresh token out: the old one stays valid.
        refreshTokens.delete(tokens.refreshToken);
        record.state = 'active';
        return {
          status: 200,
          body: { id_token: tokens.idToken, access_token: tokens.accessToken },
          tokens: { ...tokens, refreshToken: token },
        };
      }
      return {
        status: 200,
        body: {
          id_token: tokens.idToken,
          access_token: tokens.accessToken,
          refresh_token: tokens.refreshToken,
          expires_in: switches.accessTokenLifetimeSeconds,
        },
        tokens,
      };
    },

    /** Who a bearer token belongs to, or why it is refused. */
    bearer(token: string): { account: FakeAccount } | { refusal: 'token_expired' | 'token_invalidated' } {
      const record = accessTokens.get(token);
      if (!record || record.revoked) return { refusal: 'token_invalidated' };
      if (Date.now() >= record.expiresAt) return { refusal: 'token_expired' };
      return { account: record.account };
    },

    invalidate(email: string) {
      for (const record of refreshTokens.values())
        if (record.account.email === email && record.state === 'active') record.state = 'invalidated';
    },

    expireAccess(email: string) {
      for (const record of accessTokens.values()) if (record.account.email === email) record.expiresAt = Date.now();
    },
  };
}

export type TokenLedger = ReturnType<typeof createTokenLedger>;
