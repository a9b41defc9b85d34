import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, type OperatorView } from '../../shared/contract';
import type { Core } from '../core';
import { SESSION_ABSOLUTE_MS } from '../core/operators/operators-service';

/**
 * Who a request comes from: a desktop console's bearer (`Authorization: Bearer …`, kept in its OS
 * keychain) or a browser's session cookie. Null when neither names a live session.
 */
export function presentedSession(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
  return req.cookies[SESSION_COOKIE] ?? null;
}

export async function signedInOperator(core: Core, req: FastifyRequest): Promise<OperatorView | null> {
  const session = presentedSession(req);
  return session ? core.operators.session(session) : null;
}

/**
 * A change riding on the session cookie (not a bearer) that a browser says came from another
 * site is refused, even before SameSite=Strict would have kept the cookie back: defence in depth.
 * The browser says so in `Sec-Fetch-Site`; without it, by an `Origin` of another host. (Our pages
 * send no referrer, so a browser's own same-origin posts carry `Origin: null`: that alone proves
 * nothing either way.)
 */
export function crossSiteWithCookie(req: FastifyRequest): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  if (req.headers.authorization?.startsWith('Bearer ') || req.cookies[SESSION_COOKIE] === undefined) return false;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null') return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

/** HttpOnly and SameSite=Strict always; Secure whenever the browser reached us over TLS (here, or at a proxy). */
export function setSessionCookie(reply: FastifyReply, session: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, session, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure });
}

/**
 * Sign-in attempts per client address and minute, on top of each operator's own lockout: one
 * address trying many accounts (password spraying) is slowed too.
 */
export const SIGN_IN_LIMIT = { rateLimit: { max: 30, timeWindow: 60_000 } };
