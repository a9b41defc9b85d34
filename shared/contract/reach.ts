import { z } from 'zod';
import { optionalText } from './fields';

/** How invitees reach the onboarding listener (Settings → How invitees reach this console). */
export const REACH_MODES = ['local', 'network', 'tunnel', 'proxy'] as const;
export type ReachMode = (typeof REACH_MODES)[number];

export const TUNNEL_PROGRAMS = ['cloudflared', 'ngrok', 'tailscale'] as const;
export type TunnelProgram = (typeof TUNNEL_PROGRAMS)[number];

/** Why the console could not open its own public address (the reachability check). */
const REACH_FAILURES = ['dns', 'refused', 'timeout', 'tls', 'wrong_server', 'http_status'] as const;
export type ReachFailure = (typeof REACH_FAILURES)[number];

const ipv4 = z.ipv4();
const ipv6 = z.ipv6();
/** A literal IPv4 or IPv6 address (no zone, no brackets). */
const isIpAddress = (v: string) => ipv4.safeParse(v).success || ipv6.safeParse(v).success;

const ipAddress = (label: string) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(64, `${label} must be an IP address.`)
    .refine(isIpAddress, `${label} must be an IP address, like 192.168.1.20.`);

/** An https (or http) base with no path beyond "/", query, fragment or credentials. */
const publicBaseUrl = z
  .string({ error: 'Public URL must be text.' })
  .trim()
  .min(1, 'Public URL is required.')
  .max(300, 'Public URL must be 300 characters or fewer.')
  .refine((v) => {
    try {
      const url = new URL(v);
      return (url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash && !url.username;
    } catch {
      return false;
    }
  }, 'Public URL must be an http(s) address, like https://invites.example.com.')
  .transform((v) => v.replace(/\/+$/, ''));

export const reachInput = z.discriminatedUnion(
  'mode',
  [
    z.strictObject({ mode: z.literal('local') }),
    z.strictObject({ mode: z.literal('network'), address: ipAddress('Address') }),
    z.strictObject({
      mode: z.literal('tunnel'),
      program: z.enum(TUNNEL_PROGRAMS, { error: 'Tunnel program must be cloudflared, ngrok or tailscale.' }),
      /** Empty: found on PATH. */
      path: optionalText('Program path', 1024),
    }),
    z.strictObject({
      mode: z.literal('proxy'),
      publicUrl: publicBaseUrl,
      /** Empty: no proxy is trusted to say who the invitee is. */
      trustedProxy: z.union([z.literal(''), ipAddress('Trusted proxy')]),
      /** Empty: listen on 127.0.0.1 (a proxy on this machine); else one of this machine's addresses. */
      listenOn: z.union([z.literal(''), ipAddress('Listen address')]),
    }),
  ],
  { error: 'Mode must be local, network, tunnel or proxy.' },
);
export type Reach = z.infer<typeof reachInput>;

export const networkAddressSchema = z.object({
  address: z.string(),
  family: z.enum(['IPv4', 'IPv6']),
  interface: z.string(),
});
export type NetworkAddress = z.infer<typeof networkAddressSchema>;

export const tunnelProgramInfoSchema = z.object({
  program: z.enum(TUNNEL_PROGRAMS),
  /** Where it was found (or the configured path); null when not installed. */
  path: z.string().nullable(),
  version: z.string().nullable(),
  installUrl: z.string(),
});
export type TunnelProgramInfo = z.infer<typeof tunnelProgramInfoSchema>;

export const tunnelStateSchema = z.object({
  program: z.enum(TUNNEL_PROGRAMS),
  state: z.enum(['starting', 'up', 'failed', 'stopped']),
  url: z.string().nullable(),
  /** Why it failed (its last output line, or what the console saw), or a restart notice. */
  message: z.string().nullable(),
});
export type TunnelState = z.infer<typeof tunnelStateSchema>;

export const reachabilitySchema = z.object({
  state: z.enum(['unchecked', 'checking', 'reachable', 'unreachable']),
  /** The address checked: the public URL's /onboarding/health. */
  url: z.string().nullable(),
  checkedAt: z.number().int().nullable(),
  roundTripMs: z.number().int().nullable(),
  failure: z.enum(REACH_FAILURES).nullable(),
  detail: z.string().nullable(),
});
export type Reachability = z.infer<typeof reachabilitySchema>;

/** Who can open a link made now: decides the plain-words line in the create and result dialogs. */
export const REACH_SCOPES = ['this_computer', 'local_network', 'internet'] as const;
export type ReachScope = (typeof REACH_SCOPES)[number];
