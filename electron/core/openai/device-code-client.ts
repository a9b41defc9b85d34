import { z } from 'zod';
import { CODEX_CLIENT_ID, describeIssues, errorCode, errorMessage, openaiRequest } from './openai-http';
import { accountClaims } from './token-claims';

export interface UserCode {
  deviceAuthId: string;
  userCode: string;
  intervalSeconds: number;
  /** When the code stops working (Unix ms): the server's `expires_at`, or 15 minutes. */
  expiresAt: number;
}

export type PollOutcome =
  | { kind: 'pending' }
  | { kind: 'slow_down'; retryAfterSeconds: number | null }
  | { kind: 'authorized'; authorizationCode: string; codeVerifier: string }
  | { kind: 'expired' }
  | { kind: 'denied' }
  | { kind: 'transient'; retryAfterSeconds: number | null }
  | { kind: 'failed'; status: number; reason: string };

/** Why OpenAI could not give a code or tokens: try again later, or not at all right now. */
export class OpenAIUnavailable extends Error {
  constructor(
    readonly transient: boolean,
    readonly status: number | null,
    /** For the log: what was wrong with the answer, when it came but made no sense. */
    readonly reason: string | null = null,
    /** How long OpenAI asked us to wait (its Retry-After), when it said. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(status === null ? 'OpenAI could not be reached' : `OpenAI answered ${status}${reason ? `: ${reason}` : ''}`);
    this.name = 'OpenAIUnavailable';
  }
}

const DEFAULT_INTERVAL = 5;
const MAX_INTERVAL = 60;
const CODE_LIFETIME_MS = 15 * 60_000;

/** The server sends `interval` as a string ("5"); accept a number too; missing or ≤0 means 5. */
export function parseInterval(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
  if (!Number.isFinite(n) || n <= 0) return DEFAULT_INTERVAL;
  return Math.min(Math.ceil(n), MAX_INTERVAL);
}

function deadline(expiresAt: unknown, now: number): number {
  const parsed = typeof expiresAt === 'string' ? Date.parse(expiresAt) : NaN;
  return Number.isNaN(parsed) ? now + CODE_LIFETIME_MS : Math.min(parsed, now + CODE_LIFETIME_MS);
}

const text = z.string().min(1);

// Reference §1.1: `user_code` (or its alias `usercode`) and `device_auth_id` are required;
// `interval` and `expires_at` are read leniently (parseInterval, deadline).
const userCodeAnswer = z
  .object({ device_auth_id: text, user_code: text.optional(), usercode: text.optional() })
  .refine((b) => b.user_code ?? b.usercode, { message: 'user_code is missing', path: ['user_code'] });

// Reference §1.3: the server hands back the authorization code and the PKCE verifier.
const authorizedAnswer = z.object({ authorization_code: text, code_verifier: text });

// Reference §1.4: all three tokens, as strings; the id_token must name the account.
const tokenAnswer = z.object({
  id_token: text.refine((token) => {
    try {
      accountClaims(token);
      return true;
    } catch {
      return false;
    }
  }, 'id_token is not a readable JWT'),
  access_token: text,
  refresh_token: text,
});

/** Step 1: `POST {issuer}/api/accounts/deviceauth/usercode`. */
export async function requestUserCode(issuer: string, now = Date.now()): Promise<UserCode> {
  let answer;
  try {
    answer = await openaiRequest(`${issuer}/api/accounts/deviceauth/usercode`, {
      json: { client_id: CODEX_CLIENT_ID },
    });
  } catch {
    throw new OpenAIUnavailable(true, null);
  }
  if (answer.status >= 500 || answer.status === 429)
    throw new OpenAIUnavailable(true, answer.status, null, answer.retryAfterSeconds);
  if (answer.status < 200 || answer.status >= 300) throw new OpenAIUnavailable(false, answer.status);
  const parsed = userCodeAnswer.safeParse(answer.body);
  if (!parsed.success) throw new OpenAIUnavailable(false, answer.status, describeIssues(parsed.error));
  const body = answer.body as Record<string, unknown>;
  return {
    deviceAuthId: parsed.data.device_auth_id,
    userCode: parsed.data.user_code ?? parsed.data.usercode ?? '',
    intervalSeconds: parseInterval(body.interval),
    expiresAt: deadline(body.expires_at, now),
  };
}

const EXPIRED_CODES = /^(expired_token|deviceauth_expired.*)$/;
const DENIED_CODES = /^(access_denied|deviceauth_access_denied|authorization_declined)$/;
const SLOW_CODES = /^(slow_down|deviceauth_slow_down)$/;
const PENDING_CODES = /^(authorization_pending|deviceauth_authorization_pending)$/;

/** Step 2: `POST {issuer}/api/accounts/deviceauth/token`, classified (reference §7). */
export async function pollDeviceToken(
  issuer: string,
  device: { deviceAuthId: string; userCode: string },
): Promise<PollOutcome> {
  let answer;
  try {
    answer = await openaiRequest(`${issuer}/api/accounts/deviceauth/token`, {
      json: { device_auth_id: device.deviceAuthId, user_code: device.userCode },
    });
  } catch {
    return { kind: 'transient', retryAfterSeconds: null };
  }
  const { status, body } = answer;
  if (status >= 200 && status < 300) {
    const parsed = authorizedAnswer.safeParse(body);
    return parsed.success
      ? {
          kind: 'authorized',
          authorizationCode: parsed.data.authorization_code,
          codeVerifier: parsed.data.code_verifier,
        }
      : { kind: 'failed', status, reason: describeIssues(parsed.error) };
  }
  const code = errorCode(body);
  if (EXPIRED_CODES.test(code) || /has expired/i.test(errorMessage(body))) return { kind: 'expired' };
  if (DENIED_CODES.test(code)) return { kind: 'denied' };
  if (SLOW_CODES.test(code) || status === 429)
    return { kind: 'slow_down', retryAfterSeconds: answer.retryAfterSeconds };
  if (status === 403 || status === 404 || PENDING_CODES.test(code)) return { kind: 'pending' };
  if (status >= 500) return { kind: 'transient', retryAfterSeconds: answer.retryAfterSeconds };
  return { kind: 'failed', status, reason: code || `http_${status}` };
}

export interface OAuthTokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
}

/**
 * Step 3: the PKCE code exchange at `{issuer}/oauth/token`, form-encoded like Codex. The device
 * flow's redirect is the issuer's own callback; a browser sign-in's is the localhost one it was
 * authorized with (reference §11.5: the very same string).
 */
export async function exchangeAuthorizationCode(
  issuer: string,
  grant: { authorizationCode: string; codeVerifier: string; redirectUri?: string },
): Promise<OAuthTokens> {
  let answer;
  try {
    answer = await openaiRequest(`${issuer}/oauth/token`, {
      form: {
        grant_type: 'authorization_code',
        code: grant.authorizationCode,
        redirect_uri: grant.redirectUri ?? `${issuer}/deviceauth/callback`,
        client_id: CODEX_CLIENT_ID,
        code_verifier: grant.codeVerifier,
      },
    });
  } catch {
    throw new OpenAIUnavailable(true, null);
  }
  if (answer.status < 200 || answer.status >= 300) throw new OpenAIUnavailable(answer.status >= 500, answer.status);
  const parsed = tokenAnswer.safeParse(answer.body);
  if (!parsed.success) throw new OpenAIUnavailable(false, answer.status, describeIssues(parsed.error));
  return {
    idToken: parsed.data.id_token,
    accessToken: parsed.data.access_token,
    refreshToken: parsed.data.refresh_token,
  };
}
