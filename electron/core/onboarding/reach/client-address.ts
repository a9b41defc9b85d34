import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';

/** Whether a connection's peer may say who the invitee is (a tunnel on loopback, a trusted proxy). */
export type ProxyTrust = (peer: string) => boolean;

export const TRUST_NOBODY: ProxyTrust = () => false;

/** `::ffff:127.0.0.1` and `127.0.0.1` are one peer. */
function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

export function trustLoopback(): ProxyTrust {
  return (peer) => /^127\./.test(peer) || peer === '::1';
}

export function trustAddress(proxy: string): ProxyTrust {
  return (peer) => peer === plainAddress(proxy);
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[value.length - 1] : value);

/**
 * The invitee's address for rate limits and stream caps. A forwarded address counts only from a
 * trusted peer: Cloudflare's CF-Connecting-IP, else the last X-Forwarded-For entry (ngrok appends,
 * Tailscale sets one). From anyone else the headers are ignored: the peer is the client.
 */
export function clientAddress(peer: string | undefined, headers: IncomingHttpHeaders, trust: ProxyTrust): string {
  const direct = plainAddress(peer ?? '');
  if (!direct || !trust(direct)) return direct;
  const cloudflare = one(headers['cf-connecting-ip'])?.trim();
  if (cloudflare && isIP(cloudflare)) return plainAddress(cloudflare);
  const forwarded = one(headers['x-forwarded-for'])?.split(',').pop()?.trim();
  return forwarded && isIP(forwarded) ? plainAddress(forwarded) : direct;
}
