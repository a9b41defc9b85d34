import type { AuthJsonFile } from '../../../shared/contract';
import { AppError } from '../errors';
import { accessTokenExpiry, accountClaims } from '../openai/token-claims';
import type { LinkedAccount, UpstreamRecord } from './upstreams-store';

/** The Codex CLI's auth.json for an upstream (reference §5), pretty-printed as Codex writes it. */
export function authJsonText(
  upstream: UpstreamRecord,
  tokens: { accessToken: string; refreshToken: string; idToken: string },
): string {
  const document = {
    auth_mode: 'chatgpt',
    OPENAI_API_KEY: null,
    tokens: {
      id_token: tokens.idToken,
      access_token: tokens.accessToken,
      refresh_token: tokens.refreshToken,
      account_id: upstream.chatgpt_account_id,
    },
    last_refresh: new Date(upstream.last_refresh_at ?? upstream.updated_at).toISOString(),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

const refuse = (field: string, message: string): never => {
  throw new AppError('validation_failed', message, { [field]: message });
};

/**
 * The account an imported auth.json holds, after the checks Codex and the pooler make (the
 * contract has already refused API-key and other logins): an id_token naming an account, user and email, the
 * same account as `account_id`, and an access token that has not expired yet.
 */
export function importedAccount(file: AuthJsonFile, now: number): LinkedAccount {
  let claims;
  try {
    claims = accountClaims(file.tokens.id_token);
  } catch {
    return refuse('file.tokens.id_token', 'The id_token cannot be read.');
  }
  if (!claims.accountId || !claims.userId)
    return refuse('file.tokens.id_token', 'The id_token names no ChatGPT account.');
  if (!claims.email) return refuse('file.tokens.id_token', 'The id_token carries no email address.');
  if (file.tokens.account_id && file.tokens.account_id !== claims.accountId)
    refuse('file.tokens.account_id', 'account_id does not match the account in the id_token.');
  let accessClaims;
  try {
    accessClaims = accountClaims(file.tokens.access_token);
  } catch {
    return refuse('file.tokens.access_token', 'The access_token cannot be read.');
  }
  if (accessClaims.accountId && accessClaims.accountId !== claims.accountId)
    refuse('file.tokens.access_token', 'The access_token belongs to another account.');
  const expiresAt = accessTokenExpiry(file.tokens.access_token);
  if (expiresAt !== null && expiresAt <= now)
    refuse(
      'file.tokens.access_token',
      'The access token in this file has expired. Sign in with Codex again, then export a fresh auth.json.',
    );
  return {
    accountId: claims.accountId,
    userId: claims.userId,
    email: claims.email,
    planType: claims.planType,
    tokens: {
      idToken: file.tokens.id_token,
      accessToken: file.tokens.access_token,
      refreshToken: file.tokens.refresh_token,
    },
    accessTokenExpiresAt: expiresAt,
  };
}
