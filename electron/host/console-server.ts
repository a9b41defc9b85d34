import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { EVENTS_EMITTED_HEADER, type Result } from '../../shared/contract';
import type { Core, Deliver } from '../core';
import { addSecurityHeaders, hardenedAnswers } from '../core/http/hardened-server';
import { SECURITY_HEADERS, type ConsoleListener } from './console-listener';
import { serveDownload } from '../core/http/download-route';
import { createDownloadTickets } from '../core/http/download-tickets';
import { streamEvents } from '../core/http/event-stream';
import { httpStatusFor } from '../core/http/http-status';
import { dispatchBatch } from '../core/http/rpc-batch';
import { answerRouteErrors } from '../core/http/route-errors';

export interface ConsoleServerOptions {
  core: Core;
  /** The socket, opened (and its link printed) before the core loaded; it serves the page itself. */
  listener: ConsoleListener;
}

export interface ConsoleServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** A one-time link that signs a browser in (the printed one, or one for another browser). */
  newLink(): string;
  close(): Promise<void>;
}

const RPC_BODY_LIMIT = 1024 * 1024;

const UNAUTHORIZED: Result<never> = {
  ok: false,
  error: {
    code: 'unauthorized',
    message: 'This console tab is not signed in. Open the link the console printed when it started.',
  },
};

/**
 * The browser console's app on 127.0.0.1 only, behind its listener (which serves the page and
 * signs tabs in, see console-listener.ts): the contract (POST /rpc/<channel>, or several calls
 * at once to POST /rpc) and its events (GET /events, server-sent), both for a signed-in
 * session's bearer only, and one-time download links. See console-sessions.ts for why no
 * cookie is involved.
 */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const { core, listener } = options;
  const { sessions } = listener;
  const app = Fastify({
    logger: false,
    bodyLimit: RPC_BODY_LIMIT,
    // The listener made the server, with its timeouts; Fastify answers what goes wrong alike.
    ...hardenedAnswers(SECURITY_HEADERS),
    serverFactory: (handler) => listener.adopt(handler),
  });

  // Calls are JSON only; anything else is answered 415 before it reaches the core.
  app.removeContentTypeParser('text/plain');
  addSecurityHeaders(app, SECURITY_HEADERS);

  const signedIn = (req: FastifyRequest) => {
    const header = req.headers.authorization;
    return sessions.isSession(header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined);
  };

  // On each route that needs it, never matched against the address: a query string or a
  // second slash changes the address but not the route Fastify picks.
  const requireSession = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!signedIn(req)) return reply.code(401).send(UNAUTHORIZED);
  };

  app.post('/session/link', { onRequest: requireSession }, async (_req, reply) =>
    reply.header('Cache-Control', 'no-store').send({ ok: true, data: { url: listener.newLink() } }),
  );

  // A download channel's file waits behind a one-time link that the page follows.
  const tickets = createDownloadTickets();
  const deliver: Deliver = async (download) => ({ kind: 'link', url: `/download/${tickets.issue(download)}` });

  app.post<{ Params: { channel: string } }>('/rpc/:channel', { onRequest: requireSession }, async (req, reply) => {
    // Counted before the call runs: a page that read before its event stream opened compares the
    // two counts to know whether it missed an announcement (see event-stream.ts).
    reply.header(EVENTS_EMITTED_HEADER, String(core.eventsEmitted()));
    const result = await core.dispatch(req.params.channel, req.body, { deliver });
    return reply.code(result.ok ? 200 : httpStatusFor(result.error.code)).send(result);
  });

  app.post('/rpc', { onRequest: requireSession }, async (req, reply) => {
    reply.header(EVENTS_EMITTED_HEADER, String(core.eventsEmitted()));
    const result = await dispatchBatch(core.dispatch, req.body, { deliver });
    return reply.code(result.ok ? 200 : httpStatusFor(result.error.code)).send(result);
  });

  app.get<{ Params: { ticket: string } }>('/download/:ticket', (req, reply) =>
    serveDownload(tickets.take(req.params.ticket), reply, { headers: SECURITY_HEADERS, logger: core.logger }),
  );

  app.get('/events', { onRequest: requireSession }, (_req, reply) => {
    reply.hijack();
    streamEvents(core, reply.raw, SECURITY_HEADERS);
  });

  app.setNotFoundHandler((_req, reply) => reply.code(404).type('text/plain; charset=utf-8').send('Not found'));
  answerRouteErrors(app, core.logger, 'browser console request failed');

  await app.ready();
  listener.open();
  return {
    origin: listener.origin,
    newLink: listener.newLink,
    async close() {
      await app.close();
      await listener.close();
    },
  };
}
