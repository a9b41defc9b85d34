import { randomBytes } from 'node:crypto';
import type { FakeAccount } from './accounts';

export const CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann';
const AUTH = 'https://api.openai.com/auth';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Unsigned like the tokens Codex's own tests use: alg "none", signature "sig", unpadded base64url. */
function jwt(payload: Record<string, unknown>): string {
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.sig`;
}

export function idToken(issuer: string, account: FakeAccount, now: number): string {
  const iat = Math.floor(now / 1000);
  return jwt({
    iss: issuer,
    aud: [CLIENT_ID],
    sub: `auth0|${account.userId.slice(5, 17)}`,
    email: account.email,
    email_verified: true,
    iat,
    exp: iat + 3600,
    [AUTH]: {
      chatgpt_account_id: account.accountId,
      chatgpt_plan_type: account.planType,
      chatgpt_user_id: account.userId,
      user_id: account.userId,
      organizations: [
        { id: `org-${account.accountId.slice(0, 8)}`, is_default: true, role: 'owner', title: 'Personal' },
      ],
    },
  });
}

export function accessToken(issuer: string, account: FakeAccount, now: number, lifetimeSeconds: number): string {
  const iat = Math.floor(now / 1000);
  return jwt({
    iss: issuer,
    aud: ['https://api.openai.com/v1'],
    client_id: CLIENT_ID,
    scp: ['openid', 'profile', 'email', 'offline_access'],
    iat,
    nbf: iat,
    exp: iat + lifetimeSeconds,
    jti: randomBytes(8).toString('hex'),
    sub: `auth0|${account.userId.slice(5, 17)}`,
    [AUTH]: {
      chatgpt_account_id: account.accountId,
      chatgpt_account_user_id: `${account.userId}__${account.accountId}`,
      chatgpt_plan_type: account.planType,
      chatgpt_user_id: account.userId,
      user_id: account.userId,
    },
    'https://api.openai.com/profile': { email: account.email, email_verified: true },
  });
}

export function refreshToken(): string {
  return `rt_${randomBytes(24).toString('base64url')}`;
}
