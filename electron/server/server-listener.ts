import Fastify from 'fastify';
import type { Core } from '../core';
import { addSecurityHeaders, DEFAULT_TIMEOUTS, hardenedServerOptions } from '../core/http/hardened-server';
import type { ServerConfig } from './server-config';

/** Nothing here is a page: no scripts, no frames, nothing cached. */
const HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

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
  if (!core.onboarding.status().listeningOn) reasons.push('invite links are not served');
  return reasons;
}

/**
 * The server's own listener, for supervisors: `GET /healthz` (the process answers) and
 * `GET /readyz` (the core answers and invite links are served; 503 with the reasons otherwise).
 * HTTPS when the config carries a certificate, else plain HTTP for a reverse proxy in front.
 */
export async function startServerListener(core: Core, config: ServerConfig): Promise<ServerListener> {
  const app = Fastify({
    logger: false,
    ...hardenedServerOptions(HEADERS, DEFAULT_TIMEOUTS),
    ...(config.tls ? { https: { cert: config.tls.cert, key: config.tls.key } } : {}),
  });
  addSecurityHeaders(app, HEADERS);
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const reasons = await notReady(core);
    return reasons.length === 0 ? { status: 'ready' } : reply.code(503).send({ status: 'not_ready', reasons });
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).type('text/plain; charset=utf-8').send('Not found'));
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return { origin: `${config.tls ? 'https' : 'http'}://${host}:${port}`, close: () => app.close() };
}
