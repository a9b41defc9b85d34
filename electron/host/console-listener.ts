import { once } from 'node:events';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { guardConnections } from '../core/http/connection-guard';
import { hardenedServerOptions, type ListenerTimeouts } from '../core/http/hardened-server';
import { RENDERER_CSP } from '../core/security/renderer-csp';
import { createConsoleSessions } from './console-sessions';

const HOST = '127.0.0.1';
/** Sockets the console listener holds at most: a few tabs need a handful. */
const MAX_CONNECTIONS = 256;

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': RENDERER_CSP,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export interface ConsoleListener {
  /** http://127.0.0.1:PORT */
  origin: string;
  server: Server;
  sessions: ReturnType<typeof createConsoleSessions>;
  /** A one-time link that signs a browser in (the printed one, or one for another browser). */
  newLink(): string;
  /** Fastify's `serverFactory`: the app takes over this server, and answers malformed requests from now on. */
  adopt(app: RequestListener): Server;
  /** The app is ready: it answers from now on, the requests that arrived before it first. */
  open(): void;
  close(): Promise<void>;
}

/**
 * The browser console's socket on loopback, opened before the core's modules load (they take
 * most of a start): its link is printed at once, the browser opens it while the core loads, and
 * whatever the browser asks meanwhile waits here until the app serves it. Hardened like every
 * listener (timeouts, a cap on sockets, a plain answer to malformed requests) from the first byte.
 */
export async function openConsoleListener(port: number, timeouts: ListenerTimeouts): Promise<ConsoleListener> {
  const options = hardenedServerOptions(SECURITY_HEADERS, timeouts);
  const held: [IncomingMessage, ServerResponse][] = [];
  let app: RequestListener | null = null;
  let ready = false;
  const server = createServer(options.http, (req, res) => (ready && app ? app(req, res) : held.push([req, res])));
  server.keepAliveTimeout = options.keepAliveTimeout!;
  server.requestTimeout = options.requestTimeout!;
  server.setTimeout(options.connectionTimeout);
  // Fastify answers malformed requests once it is built; until then, the same handler does.
  const answerClientError = options.clientErrorHandler!;
  server.on('clientError', answerClientError);
  // Anything on this machine can connect: half-sent requests must not lock the operator out.
  guardConnections(server, MAX_CONNECTIONS);
  server.listen(port, HOST);
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([err]) => Promise.reject(err))]);
  const address = server.address();
  const origin = `http://${HOST}:${typeof address === 'object' && address ? address.port : port}`;
  const sessions = createConsoleSessions();
  return {
    origin,
    server,
    sessions,
    newLink: () => `${origin}/?token=${sessions.newLinkToken()}`,
    adopt(handler) {
      server.off('clientError', answerClientError);
      app = handler;
      return server;
    },
    open() {
      if (!app) throw new Error('no app has adopted the console listener');
      ready = true;
      for (const [req, res] of held.splice(0)) app(req, res);
    },
    async close() {
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
