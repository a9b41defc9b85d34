import type { FastifyReply, FastifyRequest } from 'fastify';
import { upstreamsChannels, type Result } from '../../shared/contract';
import type { Core } from '../core';
import { AppError } from '../core/errors';
import { validationError } from '../core/rpc/validation-error';
import { httpStatusFor } from './http-status';

/**
 * POST /export/upstreams/auth.json {id} — the browser console's auth.json export. A POST with the
 * Authorization header (never a link): the file holds live tokens, so no URL, history entry or
 * cross-site page can fetch it, and a refusal comes back as a typed error the page can show.
 */
export function authJsonDownload(core: Core, headers: Record<string, string>, req: FastifyRequest, reply: FastifyReply) {
  const parsed = upstreamsChannels['upstreams.exportAuth'].input.safeParse(req.body);
  if (!parsed.success) {
    const body: Result<never> = { ok: false, error: validationError(parsed.error) };
    return reply.code(400).send(body);
  }
  let text: string;
  try {
    text = core.exportAuthJson(parsed.data.id);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return reply.code(httpStatusFor(err.code)).send({ ok: false, error: err.toBody() } satisfies Result<never>);
  }
  return reply
    .headers({ ...headers, 'Content-Disposition': 'attachment; filename="auth.json"', 'Cache-Control': 'no-store' })
    .type('application/json; charset=utf-8')
    .send(text);
}
