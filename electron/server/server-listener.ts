import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyRequest } from 'fastify';
import type { Result } from '../../shared/contract';
import type { Core } from '../core';
import { addSecurityHeaders, DEFAULT_TIMEOUTS, hardenedServerOptions } from '../core/http/hardened-server';
import { answerRouteErrors } from '../core/http/route-errors';
import { RENDERER_CSP } from '../core/security/renderer-csp';
import { registerConsoleApi } from './console-api';
import { registerOperatorPages } from './operator-pages';
import { crossSiteWithCookie } from './operator-session';
import { registerRenderer } from './renderer-routes';
import type { ServerConfig } from './server-config';

/** The console's own policy, except that the server's sign-in and enrolment pages post forms to themselves. */
const HEADERS: Record<string, string> = {
  'Content-Security-Policy': RENDERER_CSP.replace("form-action 'none'", "form-action 'self'"),
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // Answers are about one operator's session: never kept by a proxy or the browser (built assets say otherwise).
  'Cache-Control': 'no-store',
};

const BODY_LIMIT = 1024 * 1024;

export interface ServerListener {
  /** http(s)://HOST:PORT as bound. */
  origin: string;
  close(): Promise<void>;
}

/** Why the server should not be sent traffic yet; empty when it is ready. */
async function notReady(core: Core): Promise<string[]> {
  const reasons: string[] = [];
  const status = await core.dispatch('app.status', {});
  if (!status.ok) reasons.push('the core does not answer');
  if (!(await core.databaseAnswers())) reasons.push('the database does not answer');
  if (!core.onboarding.status().listeningOn) reasons.push('invite links are not served');
  return reasons;
}

/**
 * The server's own listener: `GET /healthz` (the process answers) and `GET /readyz` (the core
 * and its database answer, and invite links are served; 503 with the reasons otherwise) for supervisors; the
 * operators' sign-in and enrolment pages; the browser console; and the contract for remote
 * consoles. HTTPS when the config carries a certificate, else plain HTTP for a reverse proxy.
 */
export async function startServerListener(
  core: Core,
  config: ServerConfig,
  rendererDir: string,
): Promise<ServerListener> {
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    // A reverse proxy on this machine says who the client is; no one else may.
    trustProxy: 'loopback',
    // A console's event stream never ends on its own: stopping must not wait for it.
    forceCloseConnections: true,
    ...hardenedServerOptions(HEADERS, DEFAULT_TIMEOUTS),
    ...(config.tls ? { https: { cert: config.tls.cert, key: config.tls.key } } : {}),
  });
  addSecurityHeaders(app, HEADERS);
  app.removeContentTypeParser('text/plain');
  await app.register(fastifyCookie);
  // Only the sign-in routes opt in (see SIGN_IN_LIMIT): the rest is behind a session.
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, context): Result<never> & { statusCode: number } => ({
      statusCode: 429,
      ok: false,
      error: {
        code: 'rate_limited',
        message: `Too many sign-in attempts from here. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
      },
    }),
  });
  // Over TLS here, or at the reverse proxy in front (which says so); a spoofed header only makes the cookie stricter.
  const secure = (req: FastifyRequest) => config.tls !== null || req.headers['x-forwarded-proto'] === 'https';

  app.addHook('onRequest', async (req, reply) => {
    if (!crossSiteWithCookie(req)) return;
    const body: Result<never> = {
      ok: false,
      error: { code: 'forbidden', message: 'A change from another site was refused.' },
    };
    return reply.code(403).send(body);
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const reasons = await notReady(core);
    return reasons.length === 0 ? { status: 'ready' } : reply.code(503).send({ status: 'not_ready', reasons });
  });
  registerConsoleApi(app, { core, headers: HEADERS, secure });
  registerOperatorPages(app, { core, secure });
  await registerRenderer(app, { core, rendererDir });
  app.setNotFoundHandler((_req, reply) => reply.code(404).type('text/plain; charset=utf-8').send('Not found'));
  answerRouteErrors(app, core.logger, 'server request failed');
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return { origin: `${config.tls ? 'https' : 'http'}://${host}:${port}`, close: () => app.close() };
}
