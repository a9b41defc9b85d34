import type { ServerResponse } from 'node:http';
import { Negotiator } from '@fastify/accept-negotiator';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { PASTE_ERRORS } from '../../../shared/onboarding/page-api';
import { pasteRequest, startRequest } from '../../../shared/onboarding/page-requests';
import type { OnboardingPageState } from '../../../shared/onboarding/page-state';
import type { EarlyServer } from '../http/early-server';
import { addSecurityHeaders, hardenedAnswers } from '../http/hardened-server';
import { hashInviteToken } from '../invites/invite-token';
import { validationError } from '../rpc/validation-error';
import { ONBOARDING_HEADERS as HEADERS } from './onboarding-headers';
import type { OnboardingServerOptions } from './onboarding-server';
import { clientAddress } from './reach/client-address';
import type { createStreamSlots } from './stream-limits';

/** The page's assets are named by their content: they never change under a name. */
const ASSET_CACHE = 'public, max-age=31536000, immutable';
const BODY_LIMIT = 1024;
/** A pasted sign-in address, JSON-wrapped: the paste itself is capped well below this. */
const PASTE_BODY_LIMIT = 16 * 1024;
const HEARTBEAT_MS = 15_000;
/** When a refused stream may try again. */
const STREAMS_BUSY_RETRY_SECONDS = 30;

const STATUS: Partial<Record<OnboardingPageState['view'], number>> = { unavailable: 404, expired: 410 };

/** States after which nothing more will happen on this page: its stream ends (connected, once its receipt is in). */
const isFinal = (state: OnboardingPageState) =>
  state.view === 'unavailable' || state.view === 'expired' || (state.view === 'connected' && state.receipt !== null);

function sendEvent(res: ServerResponse, state: OnboardingPageState) {
  // An ended stream may still hear one more change before its socket closes.
  if (res.writableEnded) return;
  res.write(`data: ${JSON.stringify(state)}\n\n`);
  if (isFinal(state)) res.end();
}

/**
 * The invite pages and their JSON/SSE endpoints, nothing else — never the console or its API —
 * on the listener `early` opened. Every token route shares one lookup budget per client; event
 * streams are capped per client, per link and in all; slow clients are cut off.
 */
export async function buildOnboardingApp(
  options: OnboardingServerOptions,
  streams: ReturnType<typeof createStreamSlots>,
  early: EarlyServer,
) {
  const { flow, page } = options;
  // No request logging at all: every interesting URL carries a token.
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    routerOptions: { maxParamLength: 64 },
    // The listener made the server, with its deadlines; Fastify answers what goes wrong alike.
    ...hardenedAnswers(HEADERS),
    serverFactory: (handler) => early.adopt(handler),
  });
  addSecurityHeaders(app, HEADERS);
  // Global, so every token route draws on the same per-client budget (the assets opt out).
  const clientOf = (req: FastifyRequest) => clientAddress(req.socket.remoteAddress, req.headers, options.trust);
  await app.register(fastifyRateLimit, {
    global: true,
    keyGenerator: clientOf,
    max: options.limits.lookupsPerMinute,
    timeWindow: 60_000,
    // An invitee within budget is told nothing about it: three headers less on every answer
    // (measured on the invite page under a burst). A refusal still says when to come back.
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    errorResponseBuilder: (_req, context) => ({
      statusCode: 429,
      error: 'Too many requests',
      retryAfter: Math.ceil(context.ttl / 1000),
    }),
  });
  const sendPage = (reply: FastifyReply, state: OnboardingPageState) =>
    reply
      .code(STATUS[state.view] ?? 200)
      .type('text/html; charset=utf-8')
      .send(page.html(state));

  app.get<{ Params: { token: string } }>('/onboarding/invites/:token', async (req, reply) =>
    sendPage(reply, await flow.page(req.params.token)),
  );

  app.get<{ Params: { token: string } }>('/onboarding/invites/:token/state', async (req, reply) => {
    const state = await flow.page(req.params.token);
    return reply.code(STATUS[state.view] ?? 200).send(state);
  });

  app.post<{ Params: { token: string } }>('/onboarding/invites/:token/start', async (req, reply) => {
    // No body at all is a plain start; a JSON `null` is not.
    const input = startRequest.safeParse(req.body === undefined ? {} : req.body);
    if (!input.success) return reply.code(400).send({ error: validationError(input.error) });
    const state = await flow.start(req.params.token, input.data);
    return reply.code(STATUS[state.view] ?? 200).send(state);
  });

  app.post<{ Params: { token: string } }>('/onboarding/invites/:token/browser', async (req, reply) => {
    const answer = await flow.startBrowser(req.params.token);
    return 'view' in answer ? reply.code(STATUS[answer.view] ?? 200).send(answer) : reply.send(answer);
  });

  app.post<{ Params: { token: string } }>(
    '/onboarding/invites/:token/browser/paste',
    { bodyLimit: PASTE_BODY_LIMIT },
    async (req, reply) => {
      const input = pasteRequest.safeParse(req.body);
      if (!input.success) return reply.code(400).send({ error: validationError(input.error) });
      const outcome = await flow.pasteBrowser(req.params.token, input.data.text);
      if ('state' in outcome) return reply.code(STATUS[outcome.state.view] ?? 200).send(outcome.state);
      // Never the pasted text: only which rule it broke.
      const status = outcome.error === 'state_mismatch' ? 409 : 400;
      return reply.code(status).send({ error: { code: outcome.error, message: PASTE_ERRORS[outcome.error] } });
    },
  );

  app.get<{ Params: { token: string } }>('/onboarding/invites/:token/events', async (req, reply) => {
    const now = await flow.page(req.params.token);
    const slot = isFinal(now)
      ? () => undefined
      : streams.take(clientOf(req), hashInviteToken(req.params.token).toString('base64'));
    if (!slot) {
      return reply
        .code(503)
        .header('Retry-After', String(STREAMS_BUSY_RETRY_SECONDS))
        .type('text/plain; charset=utf-8')
        .send('Too many open pages; this one will catch up shortly.');
    }
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { ...HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    const heartbeat = setInterval(() => res.writableEnded || res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    let closed = false;
    let unsubscribe = () => undefined as unknown;
    res.on('close', () => {
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      slot();
    });
    const stop = await flow.subscribe(req.params.token, (state) => sendEvent(res, state));
    // The page may have gone while its first state was read.
    if (closed) stop();
    else unsubscribe = stop;
  });

  // The assets' names carry their content hash: a browser keeps them for good, and gets them compressed.
  const encodings = new Negotiator({ supportedValues: ['br', 'gzip', 'identity'] as const });
  app.get<{ Params: { name: string } }>('/onboarding/assets/:name', { config: { rateLimit: false } }, (req, reply) => {
    const asset = page.assets.get(req.params.name);
    if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    const encoding = encodings.negotiate(req.headers['accept-encoding'] ?? '') ?? 'identity';
    if (encoding !== 'identity') reply.header('Content-Encoding', encoding);
    return reply
      .header('Cache-Control', ASSET_CACHE)
      .header('Vary', 'Accept-Encoding')
      .type(asset.type)
      .send(asset[encoding]);
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

  await app.ready();
  return app;
}
