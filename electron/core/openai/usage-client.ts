import type { QuotaWindow } from '../../../shared/contract';
import { errorCode, openaiExchange } from './openai-http';

const REQUEST_TIMEOUT_MS = 15_000;

export type UsageOutcome =
  | { kind: 'usage'; windows: QuotaWindow[]; limitReached: boolean; planType: string | null }
  /** The access token was refused: refresh once and ask again. */
  | { kind: 'unauthorized'; reason: string }
  | { kind: 'failed'; reason: string; retryAfterSeconds: number | null };

/** `{base}/wham/usage` for ChatGPT-style bases, `{base}/api/codex/usage` otherwise (reference §9.1). */
export function usageUrl(base: string): string {
  return base.includes('/backend-api') ? `${base}/wham/usage` : `${base}/api/codex/usage`;
}

function readWindow(value: unknown, observedAt: number): QuotaWindow | null {
  if (typeof value !== 'object' || value === null) return null;
  const w = value as Record<string, unknown>;
  const used = w.used_percent;
  const seconds = w.limit_window_seconds;
  // Out-of-range percentages and windows without a length are noise, not readings.
  if (typeof used !== 'number' || used < 0 || used > 100 || typeof seconds !== 'number' || seconds <= 0) return null;
  const resetAt =
    typeof w.reset_at === 'number'
      ? w.reset_at * 1000
      : typeof w.reset_after_seconds === 'number'
        ? observedAt + w.reset_after_seconds * 1000
        : null;
  return { seconds: Math.round(seconds), usedPercent: used, resetAt };
}

/** The account's own Codex limit (`rate_limit`) as windows, shortest first, whatever their slots. */
export function parseUsage(body: unknown, observedAt: number): Extract<UsageOutcome, { kind: 'usage' }> {
  const payload = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const limit = (
    typeof payload.rate_limit === 'object' && payload.rate_limit !== null ? payload.rate_limit : {}
  ) as Record<string, unknown>;
  const windows = [readWindow(limit.primary_window, observedAt), readWindow(limit.secondary_window, observedAt)]
    .filter((w): w is QuotaWindow => w !== null)
    .sort((a, b) => a.seconds - b.seconds);
  return {
    kind: 'usage',
    windows,
    limitReached: limit.limit_reached === true || limit.allowed === false,
    planType: typeof payload.plan_type === 'string' ? payload.plan_type : null,
  };
}

/** One usage read with the account's bearer token, classified. */
export async function fetchUsage(
  base: string,
  account: { accessToken: string; accountId: string },
  now: number,
): Promise<UsageOutcome> {
  const headers: Record<string, string> = { Authorization: `Bearer ${account.accessToken}` };
  // Local placeholder ids are not ChatGPT workspaces (reference §9.1).
  if (!/^(email_|local_)/.test(account.accountId)) headers['ChatGPT-Account-Id'] = account.accountId;
  let answer;
  try {
    answer = await openaiExchange(usageUrl(base), { method: 'GET', headers, timeoutMs: REQUEST_TIMEOUT_MS });
  } catch {
    return { kind: 'failed', reason: 'network', retryAfterSeconds: null };
  }
  // An HTML challenge page or a proxy's error is text, not a JSON object: the status says enough.
  const body = typeof answer.body === 'object' && answer.body !== null ? answer.body : null;
  if (answer.status >= 200 && answer.status < 300)
    return body === null ? { kind: 'failed', reason: 'unreadable', retryAfterSeconds: null } : parseUsage(body, now);
  if (answer.status === 401) return { kind: 'unauthorized', reason: errorCode(body) || 'unauthorized' };
  const { retryAfterSeconds } = answer;
  if (answer.status === 403)
    return { kind: 'failed', reason: body === null ? 'challenged' : 'forbidden', retryAfterSeconds };
  return {
    kind: 'failed',
    reason: answer.status === 429 ? 'rate_limited' : `http_${answer.status}`,
    retryAfterSeconds,
  };
}
