import type { FastifyReply, FastifyRequest } from 'fastify';
import { upstreamsChannels, type Result } from '../../shared/contract';
import type { Core } from '../core';
import { AppError } from '../core/errors';
import { validationError } from '../core/rpc/validation-error';
import { httpStatusFor } from './http-status';

/**
 * GET /export/upstreams/{id}/auth.json — the browser console's auth.json export, as a download
 * link: the tokens go from here to the file without passing through the page's script. The
 * session cookie (SameSite=Strict, so never sent from another site) authorises it.
 */
export function authJsonDownload(core: Core, headers: Record<string, string>, req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
  const parsed = upstreamsChannels['upstreams.exportAuth'].input.safeParse({ id: req.params.id });
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
