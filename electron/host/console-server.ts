import type { IncomingMessage, ServerResponse } from 'node:http';
import { EVENTS_EMITTED_HEADER, type Result } from '../../shared/contract';
import type { Core, Deliver } from '../core';
import { serveDownload } from '../core/http/download-route';
import { createDownloadTickets } from '../core/http/download-tickets';
import { streamEvents } from '../core/http/event-stream';
import { httpStatusFor } from '../core/http/http-status';
import { dispatchBatch } from '../core/http/rpc-batch';
import { SECURITY_HEADERS, type ConsoleListener } from './console-listener';
import { answerJson, NOT_ACCEPTED, readJsonBody } from '../core/http/json-exchange';

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
const INTERNAL: Result<never> = {
  ok: false,
  error: { code: 'internal_error', message: 'Something went wrong. The details are in the log.' },
};

/** A plain-text answer that never echoes what was asked (a path may hold a download's ticket). */
function answerText(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** The request's path, decoded; null when its escapes are malformed. */
function pathOf(url: string): string | null {
  const query = url.indexOf('?');
  try {
    return decodeURIComponent(query < 0 ? url : url.slice(0, query));
  } catch {
    return null;
  }
}

/**
 * The browser console's app on 127.0.0.1 only, behind its listener (which serves the page and
 * signs tabs in, see console-listener.ts): the contract (POST /rpc/<channel>, or several calls
 * at once to POST /rpc) and its events (GET /events, server-sent), both for a signed-in
 * session's bearer only, and one-time download links. See console-sessions.ts for why no
 * cookie is involved. Five routes on Node's own server, with no framework: Fastify took about
 * 50 ms of the CPU of every start (its code read and run, its app made), while the browser was
 * opening the page. The listener already holds the deadlines, the cap on sockets and the answer
 * to malformed requests.
 */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const { core, listener } = options;
  const { sessions } = listener;
  const signedIn = (req: IncomingMessage) => {
    const header = req.headers.authorization;
    return sessions.isSession(header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined);
  };

  // A download channel's file waits behind a one-time link that the page follows.
  const tickets = createDownloadTickets();
  const deliver: Deliver = async (download) => ({ kind: 'link', url: `/download/${tickets.issue(download)}` });

  /** A call's or a batch's answer, its status from its result. */
  async function answerCall(
    req: IncomingMessage,
    res: ServerResponse,
    run: (input: unknown) => Promise<Result<unknown>>,
  ) {
    const read = await readJsonBody(req, RPC_BODY_LIMIT);
    if (read.refused) return answerJson(res, read.refused, NOT_ACCEPTED, SECURITY_HEADERS);
    // Counted before the call runs: a page that read before its event stream opened compares the
    // two counts to know whether it missed an announcement (see event-stream.ts).
    const emitted = String(core.eventsEmitted());
    const result = await run(read.body);
    answerJson(res, result.ok ? 200 : httpStatusFor(result.error.code), result, {
      ...SECURITY_HEADERS,
      [EVENTS_EMITTED_HEADER]: emitted,
    });
  }

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = pathOf(req.url ?? '/');
    if (path === null) return answerText(res, 400, 'Bad Request');
    const post = req.method === 'POST';
    const get = req.method === 'GET';
    const ticket = get ? /^\/download\/([^/]+)$/.exec(path)?.[1] : undefined;
    if (ticket) return serveDownload(tickets.take(ticket), res, { headers: SECURITY_HEADERS, logger: core.logger });
    const channel = post ? /^\/rpc\/([^/]+)$/.exec(path)?.[1] : undefined;
    const route = (post && (path === '/session/link' || path === '/rpc')) || (get && path === '/events') || channel;
    if (!route) return answerText(res, 404, 'Not found');
    // Every route left needs a session, whatever the address adds to it (a query, say).
    if (!signedIn(req)) return answerJson(res, 401, UNAUTHORIZED, SECURITY_HEADERS);
    if (channel) return answerCall(req, res, (input) => core.dispatch(channel, input, { deliver }));
    if (path === '/rpc') return answerCall(req, res, (calls) => dispatchBatch(core.dispatch, calls, { deliver }));
    if (path === '/events') return streamEvents(core, res, SECURITY_HEADERS);
    answerJson(
      res,
      200,
      { ok: true, data: { url: listener.newLink() } },
      { ...SECURITY_HEADERS, 'Cache-Control': 'no-store' },
    );
  }

  listener.serve((req, res) => {
    answer(req, res).catch((err: unknown) => {
      core.logger.error({ err }, 'browser console request failed');
      if (res.headersSent) res.destroy();
      else answerJson(res, 500, INTERNAL, SECURITY_HEADERS);
    });
  });
  return { origin: listener.origin, newLink: listener.newLink, close: listener.close };
}
