import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  CONTRACT_HEADER,
  CONTRACT_VERSION,
  EVENTS_EMITTED_HEADER,
  type ApiErrorBody,
  type OperatorView,
  type Result,
} from '../../shared/contract';
import type { Core, Deliver } from '../core';
import { AppError } from '../core/errors';
import { serveDownload } from '../core/http/download-route';
import { createDownloadTickets } from '../core/http/download-tickets';
import { streamEvents } from '../core/http/event-stream';
import { httpStatusFor } from '../core/http/http-status';
import { dispatchBatch } from '../core/http/rpc-batch';
import { callerOf } from '../core/rpc/caller';
import { visibleTo } from './event-scope';
import {
  clearSessionCookie,
  presentedSession,
  setSessionCookie,
  SIGN_IN_LIMIT,
  signedInOperator,
} from './operator-session';

const NOT_SIGNED_IN: ApiErrorBody = {
  code: 'unauthorized',
  message: 'Not signed in to this team server, or the session has ended. Sign in again.',
};

function fail(reply: FastifyReply, error: ApiErrorBody) {
  const body: Result<never> = { ok: false, error };
  return reply.code(httpStatusFor(error.code)).send(body);
}

/** A typed refusal for what a call threw; anything else is the route's error handler's. */
function failWith(reply: FastifyReply, err: unknown) {
  if (err instanceof AppError) return fail(reply, err.toBody());
  throw err;
}

interface Options {
  core: Core;
  headers: Record<string, string>;
  /** Whether the client reached us over TLS (here, or at a reverse proxy in front). */
  secure: (req: FastifyRequest) => boolean;
}

/**
 * The contract for remote operators: sign-in (`/api/session`), the calls (`POST /rpc/<channel>`,
 * or several at once to `POST /rpc`; as the operator: its role and Pools are checked by dispatch),
 * their events (`GET /events`) and one-time download links. A client speaking another contract
 * version is refused with a message.
 */
export function registerConsoleApi(app: FastifyInstance, options: Options): void {
  const { core, headers, secure } = options;
  const operators = new WeakMap<FastifyRequest, OperatorView>();
  const tickets = createDownloadTickets();
  const deliver: Deliver = async (download) => ({ kind: 'link', url: `/download/${tickets.issue(download)}` });

  app.addHook('onRequest', async (req, reply) => {
    const spoken = req.headers[CONTRACT_HEADER.toLowerCase()];
    if (spoken === undefined || spoken === String(CONTRACT_VERSION)) return;
    const body: Result<never> = {
      ok: false,
      error: {
        code: 'not_supported',
        message: `This team server speaks contract ${CONTRACT_VERSION}; this console speaks ${String(spoken).slice(0, 8)}. Update Pooler Console (or the server) so both match.`,
      },
    };
    return reply.code(426).send(body);
  });

  const signedIn = async (req: FastifyRequest, reply: FastifyReply) => {
    const operator = await signedInOperator(core, req);
    if (!operator) return fail(reply, NOT_SIGNED_IN);
    operators.set(req, operator);
  };
  const operatorOf = (req: FastifyRequest) => operators.get(req)!;

  app.post<{ Body: { email?: unknown; password?: unknown; code?: unknown } }>(
    '/api/session',
    { config: SIGN_IN_LIMIT },
    async (req, reply) => {
      const body = req.body ?? {};
      try {
        const { session, operator } = await core.operators.signIn({
          email: body.email,
          password: body.password,
          code: body.code,
        });
        setSessionCookie(reply, session, secure(req));
        return reply.header('Cache-Control', 'no-store').send({ ok: true, data: { session, operator } });
      } catch (err) {
        return failWith(reply, err);
      }
    },
  );

  app.get('/api/session', { preHandler: signedIn }, async (req) => ({
    ok: true,
    data: { operator: operatorOf(req), contract: CONTRACT_VERSION },
  }));

  app.delete('/api/session', async (req, reply) => {
    const session = presentedSession(req);
    if (session) await core.operators.signOut(session);
    clearSessionCookie(reply, secure(req));
    return { ok: true, data: {} };
  });

  app.post<{ Params: { channel: string } }>('/rpc/:channel', { preHandler: signedIn }, async (req, reply) => {
    reply.header(EVENTS_EMITTED_HEADER, String(core.eventsEmitted()));
    const result = await core.dispatch(req.params.channel, req.body, { deliver, caller: callerOf(operatorOf(req)) });
    return reply.code(result.ok ? 200 : httpStatusFor(result.error.code)).send(result);
  });

  app.post('/rpc', { preHandler: signedIn }, async (req, reply) => {
    reply.header(EVENTS_EMITTED_HEADER, String(core.eventsEmitted()));
    const result = await dispatchBatch(core.dispatch, req.body, { deliver, caller: callerOf(operatorOf(req)) });
    return reply.code(result.ok ? 200 : httpStatusFor(result.error.code)).send(result);
  });

  app.get<{ Params: { ticket: string } }>('/download/:ticket', (req, reply) => {
    reply.hijack();
    return serveDownload(tickets.take(req.params.ticket), reply.raw, { headers, logger: core.logger });
  });

  app.get('/events', { preHandler: signedIn }, (req, reply) => {
    reply.hijack();
    const session = presentedSession(req)!;
    // Asked again at most once a second: a burst of events costs one session read.
    let checkedAt = 0;
    let live = true;
    const stillSignedIn = async () => {
      const at = Date.now();
      if (at - checkedAt >= 1_000) [checkedAt, live] = [at, (await core.operators.session(session)) !== null];
      return live;
    };
    streamEvents(core, reply.raw, headers, { visible: visibleTo(operatorOf(req)), signedIn: stillSignedIn });
  });
}
