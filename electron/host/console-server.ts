import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { EVENTS_EMITTED_HEADER, type Result } from '../../shared/contract';
import type { Core, Deliver } from '../core';
import { addSecurityHeaders, hardenedAnswers } from '../core/http/hardened-server';
import { SECURITY_HEADERS, type ConsoleListener } from './console-listener';
import { serveDownload } from '../core/http/download-route';
import { createDownloadTickets } from '../core/http/download-tickets';
import { streamEvents } from '../core/http/event-stream';
import { httpStatusFor } from '../core/http/http-status';
import { answerRouteErrors, serveRendererAssets } from '../core/http/renderer-assets';

export interface ConsoleServerOptions {
  core: Core;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** The socket, opened (and its link printed) before the core loaded. */
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
 * The browser console on 127.0.0.1 only: the built renderer (public code, served to anyone), the
 * contract (POST /rpc/<channel>) and its events (GET /events, server-sent), both for a signed-in
 * session's bearer only, and one-time download links. A printed link's token is traded for a
 * session once (POST /session); see console-sessions.ts for why no cookie is involved.
 */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const { core, rendererDir, listener } = options;
  const { sessions } = listener;
  const indexHtml = await readFile(join(rendererDir, 'index.html'), 'utf8');
  const app = Fastify({
    logger: false,
    bodyLimit: RPC_BODY_LIMIT,
    // The listener made the server, with its timeouts; Fastify answers what goes wrong alike.
    ...hardenedAnswers(SECURITY_HEADERS),
    serverFactory: (handler) => listener.adopt(handler),
  });
  const port = new URL(listener.origin).port;
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  // Calls are JSON only; anything else is answered 415 before it reaches the core.
  app.removeContentTypeParser('text/plain');
  addSecurityHeaders(app, SECURITY_HEADERS);

  const signedIn = (req: FastifyRequest) => {
    const header = req.headers.authorization;
    return sessions.isSession(header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined);
  };

  app.addHook('onRequest', async (req, reply) => {
    // DNS-rebinding guard: a page on evil.example resolving to 127.0.0.1 sends its own Host.
    if (!allowedHosts.has(req.headers.host ?? '')) {
      return reply.code(421).type('text/plain; charset=utf-8').send('Misdirected request');
    }
    const needsSession = req.url.startsWith('/rpc/') || req.url.startsWith('/events') || req.url === '/session/link';
    if (needsSession && !signedIn(req)) return reply.code(401).send(UNAUTHORIZED);
  });

  // The page itself holds nothing secret: a tab without a session shows how to sign in.
  const sendIndex = async (_req: FastifyRequest, reply: FastifyReply) =>
    reply.header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(indexHtml);
  app.get('/', sendIndex);

  await serveRendererAssets(app, rendererDir);

  app.post<{ Body: { token?: unknown } }>('/session', async (req, reply) => {
    const session = sessions.exchange(req.body?.token);
    if (!session) {
      const body: Result<never> = {
        ok: false,
        error: {
          code: 'unauthorized',
          message: 'This link was already used, or is from an earlier start of the console.',
        },
      };
      return reply.code(401).send(body);
    }
    return reply.header('Cache-Control', 'no-store').send({ ok: true, data: { session } });
  });

  app.post('/session/link', async (_req, reply) =>
    reply.header('Cache-Control', 'no-store').send({ ok: true, data: { url: listener.newLink() } }),
  );

  // A download channel's file waits behind a one-time link that the page follows.
  const tickets = createDownloadTickets();
  const deliver: Deliver = async (download) => ({ kind: 'link', url: `/download/${tickets.issue(download)}` });

  app.post<{ Params: { channel: string } }>('/rpc/:channel', async (req, reply) => {
    // Counted before the call runs: a page that read before its event stream opened compares the
    // two counts to know whether it missed an announcement (see event-stream.ts).
    reply.header(EVENTS_EMITTED_HEADER, String(core.eventsEmitted()));
    const result = await core.dispatch(req.params.channel, req.body, { deliver });
    return reply.code(result.ok ? 200 : httpStatusFor(result.error.code)).send(result);
  });

  app.get<{ Params: { ticket: string } }>('/download/:ticket', (req, reply) =>
    serveDownload(tickets.take(req.params.ticket), reply, { headers: SECURITY_HEADERS, logger: core.logger }),
  );

  app.get('/events', (_req, reply) => {
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
