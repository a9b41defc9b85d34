/** OpenAI's public client id for Codex (reference §0); a device login has no client secret. */
export const CODEX_CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann';

const REQUEST_TIMEOUT_MS = 30_000;

export interface HttpAnswer {
  status: number;
  body: unknown;
  retryAfterSeconds: number | null;
}

/** Seconds from a Retry-After header: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * One request to OpenAI. Throws only for transport failures (refused, reset, timed out);
 * every HTTP answer comes back with its parsed body for the caller to classify.
 */
export async function openaiRequest(url: string, init: { json?: unknown; form?: Record<string, string> }): Promise<HttpAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': init.form ? 'application/x-www-form-urlencoded' : 'application/json', Accept: 'application/json' },
    body: init.form ? new URLSearchParams(init.form).toString() : JSON.stringify(init.json ?? {}),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (an HTML error page from a proxy, say): keep the text.
  }
  return { status: response.status, body, retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')) };
}

/** The error code in either envelope: `{"error":"x"}`, `{"error":{"code":"x"}}` or `{"code":"x"}`. */
export function errorCode(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const b = body as { error?: unknown; code?: unknown };
  if (typeof b.error === 'string') return b.error.toLowerCase();
  if (typeof b.error === 'object' && b.error !== null && typeof (b.error as { code?: unknown }).code === 'string') {
    return ((b.error as { code: string }).code).toLowerCase();
  }
  return typeof b.code === 'string' ? b.code.toLowerCase() : '';
}

export function errorMessage(body: unknown): string {
  if (typeof body !== 'object' || body === null) return typeof body === 'string' ? body : '';
  const b = body as { error?: unknown; error_description?: unknown };
  if (typeof b.error_description === 'string') return b.error_description;
  if (typeof b.error === 'object' && b.error !== null && typeof (b.error as { message?: unknown }).message === 'string') {
    return (b.error as { message: string }).message;
  }
  return '';
}
