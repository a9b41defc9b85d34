import { z } from 'zod';
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

// Reference §9.2. A window without a length, or with a percentage out of range, is noise rather
// than a reading: it is dropped, not fatal. The envelope itself must be the documented shape.
const windowSchema = z.object({
  used_percent: z.number().min(0).max(100),
  limit_window_seconds: z.number().positive(),
  reset_at: z.number().nullish(),
  reset_after_seconds: z.number().nullish(),
});
const usageAnswer = z.object({
  plan_type: z.string().nullish(),
  rate_limit: z
    .object({
      allowed: z.boolean().nullish(),
      limit_reached: z.boolean().nullish(),
      primary_window: z.unknown().optional(),
      secondary_window: z.unknown().optional(),
    })
    .nullish(),
});

function readWindow(value: unknown, observedAt: number): QuotaWindow | null {
  const parsed = windowSchema.safeParse(value);
  if (!parsed.success) return null;
  const w = parsed.data;
  const resetAt =
    typeof w.reset_at === 'number'
      ? w.reset_at * 1000
      : typeof w.reset_after_seconds === 'number'
        ? observedAt + w.reset_after_seconds * 1000
        : null;
  return { seconds: Math.round(w.limit_window_seconds), usedPercent: w.used_percent, resetAt };
}

/** The account's own Codex limit (`rate_limit`) as windows, shortest first, whatever their slots; null if unreadable. */
export function parseUsage(body: unknown, observedAt: number): Extract<UsageOutcome, { kind: 'usage' }> | null {
  const parsed = usageAnswer.safeParse(body);
  if (!parsed.success) return null;
  const limit = parsed.data.rate_limit;
  const windows = [readWindow(limit?.primary_window, observedAt), readWindow(limit?.secondary_window, observedAt)]
    .filter((w): w is QuotaWindow => w !== null)
    .sort((a, b) => a.seconds - b.seconds);
  return {
    kind: 'usage',
    windows,
    limitReached: limit?.limit_reached === true || limit?.allowed === false,
    planType: parsed.data.plan_type ?? null,
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
    return parseUsage(body, now) ?? { kind: 'failed', reason: 'unreadable', retryAfterSeconds: null };
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
