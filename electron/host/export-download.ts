import { z } from 'zod';
import { EXPORT_FORMATS, inviteFiltersShape, type Result } from '../../shared/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Core } from '../core';
import { validationError } from '../core/rpc/validation-error';

const exportQuery = z.strictObject({ format: z.enum(EXPORT_FORMATS, { error: 'Format must be csv or json.' }), ...inviteFiltersShape });

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8' } as const;

/**
 * GET /export/invites?format=csv&poolId=…&status=…&search=… — the browser console's export, as
 * a streamed download (an <a download> link cannot send headers, so the session cookie authorises it).
 */
export async function exportDownload(core: Core, headers: Record<string, string>, req: FastifyRequest, reply: FastifyReply) {
  const parsed = exportQuery.safeParse(req.query);
  if (!parsed.success) {
    const body: Result<never> = { ok: false, error: validationError(parsed.error) };
    return reply.code(400).send(body);
  }
  const { format, ...filters } = parsed.data;
  reply.hijack();
  reply.raw.writeHead(200, {
    ...headers,
    'Content-Type': CONTENT_TYPES[format],
    'Content-Disposition': `attachment; filename="${core.exportFileName(format)}"`,
    'Cache-Control': 'no-store',
  });
  try {
    await core.exportInvites(reply.raw, format, filters);
  } catch (err) {
    core.logger.error({ err }, 'invite export failed');
  }
  reply.raw.end();
}
