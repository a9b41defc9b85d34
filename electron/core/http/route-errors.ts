import type { FastifyInstance } from 'fastify';
import type { Result } from '../../../shared/contract';
import type { Logger } from '../log/logger';

/** A request the framework refused (a bad body, say) or a route that threw: a typed result, the details only in the log. */
export function answerRouteErrors(app: FastifyInstance, logger: Logger, what: string): void {
  app.setErrorHandler((err: { statusCode?: number }, _req, reply) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) logger.error({ err }, what);
    const body: Result<never> =
      status < 500
        ? { ok: false, error: { code: 'validation_failed', message: 'The request was not accepted.' } }
        : {
            ok: false,
            error: { code: 'internal_error', message: 'Something went wrong. The details are in the log.' },
          };
    return reply.code(status).send(body);
  });
}
