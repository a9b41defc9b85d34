import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Result } from '../../shared/contract';
import type { createConsoleSessions } from './console-sessions';

/** A token is 43 characters; the body that carries it needs a few dozen bytes. */
const BODY_LIMIT = 4 * 1024;

const NOT_ACCEPTED: Result<never> = {
  ok: false,
  error: { code: 'validation_failed', message: 'The request was not accepted.' },
};
const SPENT: Result<never> = {
  ok: false,
  error: { code: 'unauthorized', message: 'This link was already used, or is from an earlier start of the console.' },
};

/**
 * POST /session: a page trades its link's one-time token for a session. Answered by the listener
 * itself, so a page signs in while the core is still loading and its first reads wait only for
 * the core. JSON only, a few KiB at most; every refusal is a typed result.
 */
export function exchangeLinkToken(
  req: IncomingMessage,
  res: ServerResponse,
  sessions: ReturnType<typeof createConsoleSessions>,
  securityHeaders: Record<string, string>,
): void {
  const answer = (status: number, body: Result<{ session: string }>) => {
    res.writeHead(status, {
      ...securityHeaders,
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(JSON.stringify(body));
  };
  if (!/^application\/json(;|$)/i.test(req.headers['content-type'] ?? '')) return void answer(415, NOT_ACCEPTED);
  if (Number(req.headers['content-length'] ?? 0) > BODY_LIMIT) return void answer(413, NOT_ACCEPTED);
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    // Past the limit the rest is read and dropped (the request timeout bounds how long).
    if (size <= BODY_LIMIT) chunks.push(chunk);
  });
  req.on('end', () => {
    if (size > BODY_LIMIT) return void answer(413, NOT_ACCEPTED);
    let token: unknown;
    try {
      token = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { token?: unknown } | null)?.token;
    } catch {
      return void answer(400, NOT_ACCEPTED);
    }
    const session = sessions.exchange(token);
    answer(session ? 200 : 401, session ? { ok: true, data: { session } } : SPENT);
  });
}
