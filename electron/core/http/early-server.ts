import { once } from 'node:events';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { guardConnections } from './connection-guard';
import { hardenedServerOptions, type ListenerTimeouts } from './hardened-server';
import { nodeHttp } from './node-http';

export interface EarlyServerOptions {
  headers: Record<string, string>;
  timeouts: ListenerTimeouts;
  /** Sockets held at most (see connection-guard.ts). */
  maxConnections: number;
  /** Answers what needs no app, and says whether it did. */
  answer(req: IncomingMessage, res: ServerResponse): boolean;
  /** A request waits for the app (each one that arrives before the app is open). */
  onWait?(): void;
}

export interface EarlyServer {
  server: Server;
  /** Fastify's `serverFactory`: the app takes over this server, and answers malformed requests from now on. */
  adopt(app: RequestListener): Server;
  /** The app is ready: it answers from now on, the requests that waited first. */
  open(): void;
  /**
   * A plain handler, with no framework of its own, takes over at once (adopt and open in one):
   * malformed requests keep this listener's answer.
   */
  serve(handler: RequestListener): void;
  /** The app could not be made: the requests waiting now get this answer; later ones wait again. */
  refuse(answer: RequestListener): void;
  /** Stops listening and cuts every connection (event streams included). */
  close(): Promise<void>;
}

/**
 * A listener that is open before its app is built: it binds its port at once (so its address is
 * known and connections queue), answers what needs no app itself, and holds the rest until the
 * app adopts the server. Hardened like every listener from the first byte: Node's deadlines for
 * headers, request and idle sockets, a cap on sockets, and a plain answer to malformed requests.
 */
export function createEarlyServer(options: EarlyServerOptions): EarlyServer {
  const hardened = hardenedServerOptions(options.headers, options.timeouts);
  const held: [IncomingMessage, ServerResponse][] = [];
  let adopted: RequestListener | null = null;
  /** The adopted app once it is open: from then on, nothing waits. */
  let serving: RequestListener | null = null;
  const server = nodeHttp.createServer(hardened.http, (req, res) => {
    if (options.answer(req, res)) return;
    if (serving) return serving(req, res);
    held.push([req, res]);
    options.onWait?.();
  });
  server.keepAliveTimeout = hardened.keepAliveTimeout!;
  server.requestTimeout = hardened.requestTimeout!;
  server.setTimeout(hardened.connectionTimeout);
  // The app's framework answers malformed requests once it is built; until then, the same handler does.
  const answerClientError = hardened.clientErrorHandler!;
  server.on('clientError', answerClientError);
  // Anyone who can connect could otherwise hold sockets until the process runs out of them.
  guardConnections(server, options.maxConnections);
  const open = () => {
    if (!adopted) throw new Error('no app has adopted the server');
    serving = adopted;
    for (const [req, res] of held.splice(0)) serving(req, res);
  };
  return {
    server,
    adopt(handler) {
      server.off('clientError', answerClientError);
      adopted = handler;
      return server;
    },
    open,
    serve(handler) {
      adopted = handler;
      open();
    },
    refuse(answer) {
      for (const [req, res] of held.splice(0)) answer(req, res);
    },
    async close() {
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Binds the server and resolves with its port (the one asked for, or the one given for 0). */
export async function listenOn(server: Server, options: { host: string; port: number; backlog?: number }) {
  server.listen(options);
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([err]) => Promise.reject(err))]);
  const address = server.address();
  return typeof address === 'object' && address ? address.port : options.port;
}
