import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Result } from '../../shared/contract';
import type { createConsoleSessions } from './console-sessions';
import { answerJson, NOT_ACCEPTED, readJsonBody } from '../core/http/json-exchange';

/** A token is 43 characters; the body that carries it needs a few dozen bytes. */
const BODY_LIMIT = 4 * 1024;

const SPENT: Result<never> = {
  ok: false,
  error: { code: 'unauthorized', message: 'This link was already used, or is from an earlier start of the console.' },
};

/**
 * POST /session: a page trades its link's one-time token for a session. Answered by the listener
 * itself, so a page signs in while the core is still loading and its first reads wait only for
 * the core. JSON only, a few KiB at most; every refusal is a typed result.
 */
export async function exchangeLinkToken(
  req: IncomingMessage,
  res: ServerResponse,
  sessions: ReturnType<typeof createConsoleSessions>,
  securityHeaders: Record<string, string>,
): Promise<void> {
  const headers = { ...securityHeaders, 'Cache-Control': 'no-store' };
  const read = await readJsonBody(req, BODY_LIMIT);
  if (read.refused) return answerJson(res, read.refused, NOT_ACCEPTED, headers);
  const session = sessions.exchange((read.body as { token?: unknown } | null)?.token);
  answerJson(res, session ? 200 : 401, session ? { ok: true, data: { session } } : SPENT, headers);
}
