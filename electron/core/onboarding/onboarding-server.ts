import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyReply } from 'fastify';
import type { OnboardingPageState } from '../../../shared/onboarding/page-state';
import type { Logger } from '../log/logger';
import type { OnboardingFlow } from './onboarding-flow';
import type { OnboardingPage } from './onboarding-page';

export const ONBOARDING_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// The token is in the URL: it must not travel in a Referer, be framed, or be cached anywhere.
const HEADERS: Record<string, string> = {
  'Content-Security-Policy': ONBOARDING_CSP,
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), clipboard-read=()',
};

const BODY_LIMIT = 1024;
const HEARTBEAT_MS = 15_000;
const LISTEN_BACKLOG = 4096;

const STATUS: Partial<Record<OnboardingPageState['view'], number>> = { unavailable: 404, expired: 410 };

export interface OnboardingServerOptions {
  flow: OnboardingFlow;
  page: OnboardingPage;
  host: string;
  port: number;
  /** Token lookups per client per minute. */
  lookupsPerMinute: number;
  logger: Logger;
}

/**
 * The onboarding listener: the invite pages and their JSON/SSE endpoints, nothing else — never
 * the console or its API. Token routes are rate-limited per client.
 */
export async function startOnboardingServer(options: OnboardingServerOptions) {
  const { flow, page } = options;
  // No request logging at all: every interesting URL carries a token.
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    forceCloseConnections: true,
    routerOptions: { maxParamLength: 64 },
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) => ({
      statusCode: 429,
      error: 'Too many requests',
      retryAfter: Math.ceil(context.ttl / 1000),
    }),
  });
  app.addHook('onSend', async (_req, reply) => {
    reply.headers(HEADERS);
  });
  const limited = { config: { rateLimit: { max: options.lookupsPerMinute, timeWindow: 60_000 } } };
  const sendPage = (reply: FastifyReply, state: OnboardingPageState) =>
    reply
      .code(STATUS[state.view] ?? 200)
      .type('text/html; charset=utf-8')
      .send(page.html(state));

  app.get<{ Params: { token: string } }>('/onboarding/invites/:token', limited, (req, reply) =>
    sendPage(reply, flow.page(req.params.token)),
  );

  app.get<{ Params: { token: string } }>('/onboarding/invites/:token/state', limited, (req, reply) => {
    const state = flow.page(req.params.token);
    return reply.code(STATUS[state.view] ?? 200).send(state);
  });

  app.post<{ Params: { token: string } }>('/onboarding/invites/:token/start', limited, async (req, reply) => {
    const state = await flow.start(req.params.token);
    return reply.code(STATUS[state.view] ?? 200).send(state);
  });

  app.get<{ Params: { token: string } }>('/onboarding/invites/:token/events', limited, (req, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { ...HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    const unsubscribe = flow.subscribe(req.params.token, (state) => res.write(`data: ${JSON.stringify(state)}\n\n`));
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });

  app.get<{ Params: { name: string } }>('/onboarding/assets/:name', (req, reply) => {
    const asset = page.assets.get(req.params.name);
    if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    return reply.type(asset.type).send(asset.body);
  });

  app.setNotFoundHandler((_req, reply) => reply.code(404).type('text/plain; charset=utf-8').send('Not found'));
  app.setErrorHandler((err: { statusCode?: number }, _req, reply) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) options.logger.error({ err }, 'onboarding request failed');
    return reply
      .code(status)
      .type('text/plain; charset=utf-8')
      .send(status === 413 ? 'Request too large' : 'Request not accepted');
  });

  // A burst of invitees (an invite email to a whole team) must queue, not have connections
  // dropped and retried a second later: a deeper accept queue than Node's default 511.
  await app.listen({ host: options.host, port: options.port, backlog: LISTEN_BACKLOG });
  const address = app.server.address() as { port: number };
  return { port: address.port, close: () => app.close() };
}

export type OnboardingServer = Awaited<ReturnType<typeof startOnboardingServer>>;
