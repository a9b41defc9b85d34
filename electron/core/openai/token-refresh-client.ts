import { z } from 'zod';
import { CODEX_CLIENT_ID, errorCode, openaiRequest } from './openai-http';

export type RefreshOutcome =
  | { kind: 'refreshed'; accessToken: string | null; refreshToken: string | null; idToken: string | null }
  /** The refresh token is dead: only a new login helps (reference §3.3). */
  | { kind: 'reauth_required'; reason: string }
  /** Worth retrying later: 5xx, 429, a network fault. */
  | { kind: 'transient'; reason: string; retryAfterSeconds: number | null };

const PERMANENT_CODES = new Set(['refresh_token_expired', 'refresh_token_reused', 'refresh_token_invalidated']);

/** How Codex classifies a refresh answer (reference §3.3): 401 and the three codes are permanent. */
export function classifyRefreshFailure(status: number, body: unknown): { permanent: boolean; reason: string } {
  const code = errorCode(body);
  if (PERMANENT_CODES.has(code)) return { permanent: true, reason: code };
  if (status === 401) return { permanent: true, reason: code || 'unauthorized' };
  if (status === 400 && code === 'invalid_grant') return { permanent: true, reason: 'invalid_grant' };
  return { permanent: false, reason: status === 429 ? 'rate_limited' : `http_${status}` };
}

// Reference §3.2: every field is optional; an empty one counts as absent.
const optionalToken = z
  .string()
  .nullish()
  .transform((v) => v || null);
const refreshAnswer = z.object({ access_token: optionalToken, refresh_token: optionalToken, id_token: optionalToken });

/** `POST {issuer}/oauth/token` with a JSON body, exactly as Codex sends it (reference §3.1). */
export async function refreshTokens(issuer: string, refreshToken: string): Promise<RefreshOutcome> {
  let answer;
  try {
    answer = await openaiRequest(`${issuer}/oauth/token`, {
      json: { client_id: CODEX_CLIENT_ID, grant_type: 'refresh_token', refresh_token: refreshToken },
    });
  } catch {
    return { kind: 'transient', reason: 'network', retryAfterSeconds: null };
  }
  if (answer.status >= 200 && answer.status < 300) {
    // A 2xx that is not the documented JSON (a proxy's page, say) proves nothing: try again later.
    const parsed = refreshAnswer.safeParse(answer.body);
    if (!parsed.success) return { kind: 'transient', reason: 'unreadable_answer', retryAfterSeconds: null };
    // Only the tokens present replace what is stored (reference §3.2).
    const { access_token, refresh_token, id_token } = parsed.data;
    return { kind: 'refreshed', accessToken: access_token, refreshToken: refresh_token, idToken: id_token };
  }
  const failure = classifyRefreshFailure(answer.status, answer.body);
  return failure.permanent
    ? { kind: 'reauth_required', reason: failure.reason }
    : { kind: 'transient', reason: failure.reason, retryAfterSeconds: answer.retryAfterSeconds };
}
