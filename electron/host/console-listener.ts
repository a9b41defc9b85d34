import { createEarlyServer, listenOn, type EarlyServer } from '../core/http/early-server';
import type { ListenerTimeouts } from '../core/http/hardened-server';
import { RENDERER_CSP } from '../core/security/renderer-csp';
import { createConsoleSessions } from './console-sessions';
import { exchangeLinkToken } from './link-exchange';
import { rendererFiles } from './renderer-files';

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

/** The socket (see early-server.ts for `serve` and `close`), and how browsers sign in. */
export interface ConsoleListener extends Pick<EarlyServer, 'server' | 'serve' | 'close'> {
  /** http://127.0.0.1:PORT */
  origin: string;
  sessions: ReturnType<typeof createConsoleSessions>;
  /** A one-time link that signs a browser in (the printed one, or one for another browser). */
  newLink(): string;
}

export interface ConsoleListenerOptions {
  port: number;
  timeouts: ListenerTimeouts;
  /** The built renderer (out/renderer), served by the listener itself. */
  rendererDir: string;
}

/**
 * The browser console's socket on loopback, opened before the core's modules load (they take
 * most of a start): its link is printed at once, and the browser opens it while the core loads.
 * The listener itself serves the page and its assets and trades the link's token for a session
 * (none of which needs the core), so the page loads, runs and signs in meanwhile; its calls wait
 * here until the app serves them. It refuses a foreign Host (DNS rebinding: a page on evil.example
 * resolving to 127.0.0.1 sends its own) before anything else. Hardened like every listener
 * (timeouts, a cap on sockets, a plain answer to malformed requests) from the first byte.
 */
export async function openConsoleListener(options: ConsoleListenerOptions): Promise<ConsoleListener> {
  let allowedHosts = new Set<string>();
  const serveFile = rendererFiles(options.rendererDir, SECURITY_HEADERS);
  const sessions = createConsoleSessions();
  const early = createEarlyServer({
    headers: SECURITY_HEADERS,
    timeouts: options.timeouts,
    // Anything on this machine can connect: half-sent requests must not lock the operator out.
    maxConnections: MAX_CONNECTIONS,
    answer(req, res) {
      if (!allowedHosts.has(req.headers.host ?? '')) {
        res.writeHead(421, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Misdirected request');
        return true;
      }
      if (serveFile(req, res)) return true;
      if (req.method !== 'POST' || req.url !== '/session') return false;
      void exchangeLinkToken(req, res, sessions, SECURITY_HEADERS);
      return true;
    },
  });
  const port = await listenOn(early.server, { host: HOST, port: options.port });
  const origin = `http://${HOST}:${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return {
    origin,
    server: early.server,
    sessions,
    newLink: () => `${origin}/?token=${sessions.newLinkToken()}`,
    serve: early.serve,
    close: early.close,
  };
}
