import { decodeJwt } from 'jose';

const AUTH = 'https://api.openai.com/auth';
const PROFILE = 'https://api.openai.com/profile';

export interface AccountClaims {
  /** Trimmed and lower-cased, for comparison with the invite's email. */
  email: string | null;
  accountId: string | null;
  userId: string | null;
  planType: string | null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/**
 * The account an id_token names (reference §2.1). The signature is not checked, as Codex does
 * not: the token came straight from the issuer over TLS in exchange for a one-time code.
 */
export function accountClaims(idToken: string): AccountClaims {
  const claims = decodeJwt(idToken);
  const auth = (claims[AUTH] ?? {}) as Record<string, unknown>;
  const profile = (claims[PROFILE] ?? {}) as Record<string, unknown>;
  return {
    email: (text(claims.email) ?? text(profile.email))?.toLowerCase() ?? null,
    accountId: text(auth.chatgpt_account_id),
    userId: text(auth.chatgpt_user_id) ?? text(auth.user_id),
    planType: text(auth.chatgpt_plan_type),
  };
}

/** When an access token stops working (Unix ms), from its `exp`; null when it does not say. */
export function accessTokenExpiry(accessToken: string): number | null {
  try {
    const { exp } = decodeJwt(accessToken);
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}
