import type { Agent } from 'node:http';
import { nodeHttp } from '../http/node-http';
import { nodeHttps } from '../http/node-https';
import type { z } from 'zod';

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
 * Node's own HTTP client with kept-alive connections rather than fetch: every pending device-code
 * session polls every few seconds, and fetch costs several times the CPU per request.
 */
const agents: { 'http:'?: Agent; 'https:'?: Agent } = {};

/** The kept-alive agent for a protocol, made on first use (TLS loads only when it is needed). */
function agentFor(protocol: string): Agent {
  if (protocol === 'https:') return (agents['https:'] ??= new (nodeHttps().Agent)({ keepAlive: true }));
  return (agents['http:'] ??= new nodeHttp.Agent({ keepAlive: true }));
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON (an HTML error page from a proxy, say): keep the text.
    return text;
  }
}

/**
 * One HTTP exchange with OpenAI. Throws only for transport failures (refused, reset, timed out);
 * every HTTP answer comes back with its parsed body for the caller to classify.
 */
export function openaiExchange(
  url: string,
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string; timeoutMs?: number },
): Promise<HttpAnswer> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? nodeHttps().request : nodeHttp.request;
  const headers: Record<string, string | number> = { ...init.headers };
  if (init.body !== undefined) headers['Content-Length'] = Buffer.byteLength(init.body);
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: init.method,
        headers,
        agent: agentFor(target.protocol),
        // The socket's idle timeout rather than an AbortSignal per request: a poll every few
        // seconds per session should not build a signal and its timer each time.
        timeout: init.timeoutMs ?? REQUEST_TIMEOUT_MS,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const header = response.headers['retry-after'];
          resolve({
            status: response.statusCode ?? 0,
            body: parseBody(Buffer.concat(chunks).toString('utf8')),
            retryAfterSeconds: parseRetryAfter(typeof header === 'string' ? header : null),
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('OpenAI did not answer in time')));
    req.on('error', reject);
    req.end(init.body);
  });
}

/** A POST to OpenAI's auth endpoints, JSON (as Codex sends) or form-encoded. */
export function openaiRequest(
  url: string,
  init: { json?: unknown; form?: Record<string, string> },
): Promise<HttpAnswer> {
  return openaiExchange(url, {
    method: 'POST',
    headers: {
      'Content-Type': init.form ? 'application/x-www-form-urlencoded' : 'application/json',
      Accept: 'application/json',
    },
    body: init.form ? new URLSearchParams(init.form).toString() : JSON.stringify(init.json ?? {}),
  });
}

/** The error code in either envelope: `{"error":"x"}`, `{"error":{"code":"x"}}` or `{"code":"x"}`. */
export function errorCode(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const b = body as { error?: unknown; code?: unknown };
  if (typeof b.error === 'string') return b.error.toLowerCase();
  if (typeof b.error === 'object' && b.error !== null && typeof (b.error as { code?: unknown }).code === 'string') {
    return (b.error as { code: string }).code.toLowerCase();
  }
  return typeof b.code === 'string' ? b.code.toLowerCase() : '';
}

export function errorMessage(body: unknown): string {
  if (typeof body !== 'object' || body === null) return typeof body === 'string' ? body : '';
  const b = body as { error?: unknown; error_description?: unknown };
  if (typeof b.error_description === 'string') return b.error_description;
  if (
    typeof b.error === 'object' &&
    b.error !== null &&
    typeof (b.error as { message?: unknown }).message === 'string'
  ) {
    return (b.error as { message: string }).message;
  }
  return '';
}

/**
 * What was wrong with an answer that came but did not have the documented shape, for the log:
 * field paths and expectations only, never the values (they may be tokens).
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
    .join('; ');
}
