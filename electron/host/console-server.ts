import { readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { Result } from '../../shared/contract';
import type { Core, Deliver } from '../core';
import { RENDERER_CSP } from '../core/security/renderer-csp';
import { tokenMatches } from './access-token';
import { streamEvents } from './event-stream';
import { serveDownload } from './download-route';
import { createDownloadTickets } from './download-tickets';
import { httpStatusFor } from './http-status';

export interface ConsoleServerOptions {
  core: Core;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  token: string;
  /** 0 picks any free port. */
  port: number;
}

export interface ConsoleServer {
  /** http://127.0.0.1:PORT, without the token. */
  origin: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const RPC_BODY_LIMIT = 1024 * 1024;

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': RENDERER_CSP,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const UNAUTHORIZED_PAGE = `<!doctype html><meta charset="utf-8"><title>Pooler Console</title>
<p style="font-family:system-ui,sans-serif;margin:3rem">This address needs the console's access token.
Open the full link that <code>npm run start:web</code> printed in the terminal.</p>`;

function unauthorized(reply: FastifyReply, asJson: boolean) {
  if (asJson) {
    const body: Result<never> = {
      ok: false,
      error: { code: 'unauthorized', message: 'Missing or wrong access token.' },
    };
    return reply.code(401).send(body);
  }
  return reply.code(401).type('text/html; charset=utf-8').send(UNAUTHORIZED_PAGE);
}

/**
 * The browser console: the built renderer and the contract (POST /rpc/<channel>, GET /events as
 * SSE) on 127.0.0.1 only. Every request needs the token: pages and assets accept it from the
 * session cookie set when the printed link is opened; RPC requires it in the Authorization
 * header, which another site's page cannot send (no CORS), so cookies alone never authorise a call.
 */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const { core, rendererDir, token } = options;
  const indexHtml = await readFile(join(rendererDir, 'index.html'), 'utf8');
  const app = Fastify({ logger: false, bodyLimit: RPC_BODY_LIMIT, forceCloseConnections: true });
  let cookieName = 'pooler_console';
  let allowedHosts = new Set<string>();

  await app.register(fastifyCookie);
  // Calls are JSON only; anything else is answered 415 before it reaches the core.
  app.removeContentTypeParser('text/plain');

  const bearer = (req: FastifyRequest) => {
    const header = req.headers.authorization;
    return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
  };

  app.addHook('onRequest', async (req, reply) => {
    // DNS-rebinding guard: a page on evil.example resolving to 127.0.0.1 sends its own Host.
    if (!allowedHosts.has(req.headers.host ?? '')) return reply.code(421).send('Misdirected request');
    // A download's one-time ticket is its own authorisation (see download-tickets.ts).
    if (req.url.startsWith('/download/')) return;
    const isRpc = req.url.startsWith('/rpc/');
    if (isRpc) {
      if (!tokenMatches(token, bearer(req))) return unauthorized(reply, true);
      return;
    }
    const query = (req.query as Record<string, unknown> | undefined)?.token;
    const presented =
      typeof query === 'string' && req.routeOptions.url === '/' ? query : (bearer(req) ?? req.cookies[cookieName]);
    if (!tokenMatches(token, presented)) return unauthorized(reply, req.url.startsWith('/events'));
  });

  app.addHook('onSend', async (_req, reply) => {
    reply.headers(SECURITY_HEADERS);
  });

  const sendIndex = async (_req: FastifyRequest, reply: FastifyReply) => {
    // The renderer reads the token from this meta tag, so the link's ?token= can be dropped
    // from the address bar and history.
    const meta = `<meta name="pooler-token" content="${token}">`;
    reply
      .setCookie(cookieName, token, { httpOnly: true, sameSite: 'strict', path: '/' })
      .header('Cache-Control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(indexHtml.replace('<head>', `<head>\n    ${meta}`));
  };
  app.get('/', sendIndex);

  await app.register(fastifyStatic, {
    root: rendererDir,
    prefix: '/',
    index: false,
    allowedPath: (path) => path !== '/index.html',
    cacheControl: false,
    // Built assets carry a content hash in their names: cache them for good, which also lets the
    // browser keep their compiled code between starts.
    setHeaders: (reply, path) => {
      reply.header(
        'Cache-Control',
        path.includes(`${sep}assets${sep}`) ? 'private, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });

  // A download channel's file waits behind a one-time link that the page follows.
  const tickets = createDownloadTickets();
  const deliver: Deliver = async (download) => ({ kind: 'link', url: `/download/${tickets.issue(download)}` });

  app.post<{ Params: { channel: string } }>('/rpc/:channel', async (req, reply) => {
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

  app.setErrorHandler((err: { statusCode?: number; message: string }, _req, reply) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) core.logger.error({ err }, 'browser console request failed');
    const body: Result<never> =
      status < 500
        ? { ok: false, error: { code: 'validation_failed', message: `The request was not accepted: ${err.message}` } }
        : {
            ok: false,
            error: { code: 'internal_error', message: 'Something went wrong. The details are in the log.' },
          };
    return reply.code(status).send(body);
  });

  await app.listen({ host: HOST, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  cookieName = `pooler_console_${port}`;
  allowedHosts = new Set([`${HOST}:${port}`, `localhost:${port}`]);
  return { origin: `http://${HOST}:${port}`, close: () => app.close() };
}
