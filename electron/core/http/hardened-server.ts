import type { ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyServerOptions } from 'fastify';

/** How long a client may take: to send its headers, its whole request, and between bytes. */
export interface ListenerTimeouts {
  headersMs: number;
  requestMs: number;
  idleMs: number;
}

export const DEFAULT_TIMEOUTS: ListenerTimeouts = { headersMs: 10_000, requestMs: 30_000, idleMs: 60_000 };

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  431: 'Request Header Fields Too Large',
};

function noRouteSchemas(): never {
  throw new Error('Route schemas are not used: input is checked with zod.');
}

type Answers = Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler' | 'schemaController'>;

/**
 * How every listener answers what goes wrong — a malformed URL, an over-long path, a request the
 * HTTP parser refuses: with its security headers and a fixed sentence, never the path (it may hold
 * an invite token), never a framework message. For a listener whose server is made elsewhere
 * (the browser console's, opened before the core loads).
 */
export function hardenedAnswers(headers: Record<string, string>): Answers {
  return {
    // Input is checked by the contract's zod schemas, never by route schemas: Fastify's JSON-schema
    // compilers (ajv, fast-json-stringify) are never loaded, which is about 50 ms of every start.
    // A route given a schema fails when it is registered.
    schemaController: { compilersFactory: { buildValidator: noRouteSchemas, buildSerializer: noRouteSchemas } },
    frameworkErrors: (error, _request, untyped) => {
      const reply = untyped as FastifyReply;
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      void reply
        .code(status)
        .headers(headers)
        .type('text/plain; charset=utf-8')
        .send(STATUS_TEXT[status] ?? 'Request not accepted');
    },
    clientErrorHandler: (error: Error & { code?: string }, socket: Socket) => {
      if (!socket.writable) return void socket.destroy();
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
      const body = STATUS_TEXT[status] ?? 'Bad Request';
      const lines = Object.entries({ ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).map(
        ([name, value]) => `${name}: ${value}`,
      );
      socket.end(
        `HTTP/1.1 ${status} ${body}\r\n${lines.join('\r\n')}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
  };
}

/**
 * Fastify options shared by the listeners: the answers above, and slow clients cut off — headers,
 * the whole request and idle sockets each have a limit.
 */
export function hardenedServerOptions(
  headers: Record<string, string>,
  timeouts: ListenerTimeouts,
): Answers &
  Pick<FastifyServerOptions, 'connectionTimeout' | 'requestTimeout' | 'keepAliveTimeout'> & {
    http: ServerOptions;
  } {
  return {
    ...hardenedAnswers(headers),
    // Node checks the header and request deadlines on this beat (30 s unless told otherwise).
    http: {
      headersTimeout: timeouts.headersMs,
      connectionsCheckingInterval: Math.min(5_000, Math.ceil(Math.min(timeouts.headersMs, timeouts.requestMs) / 2)),
    },
    connectionTimeout: timeouts.idleMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: Math.min(5_000, timeouts.idleMs),
  };
}

/** Every answer of the listener carries its security headers, errors included. */
export function addSecurityHeaders(app: FastifyInstance, headers: Record<string, string>): void {
  // A callback hook, not an async one: no promise per request on the hot path.
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
}
