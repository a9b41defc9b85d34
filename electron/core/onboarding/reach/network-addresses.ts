import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { NetworkAddress, ReachScope } from '../../../../shared/contract';

export type InterfaceSource = () => NodeJS.Dict<NetworkInterfaceInfo[]>;

/**
 * This machine's addresses another computer could use: not loopback, and not IPv6 link-local
 * (fe80::/10), whose links would need a zone id no browser accepts.
 */
export function listNetworkAddresses(source: InterfaceSource = networkInterfaces): NetworkAddress[] {
  const found: NetworkAddress[] = [];
  for (const [name, infos] of Object.entries(source())) {
    for (const info of infos ?? []) {
      if (info.internal || /^fe[89ab]/i.test(info.address)) continue;
      found.push({ address: info.address, family: info.family, interface: name });
    }
  }
  return found;
}

const LOOPBACK = /^(127\.|localhost$|::1$|\[::1\]$)/i;
// RFC 1918, CGNAT (RFC 6598, where Tailscale lives), link-local, IPv6 ULA, and mDNS names.
const PRIVATE =
  /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.|169\.254\.|\[f[cd]|\[fe[89ab])|\.local$/i;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host);
}

/** Who can open a link on this base, judged by its host name alone. */
export function scopeOf(base: string): ReachScope {
  const { hostname } = new URL(base);
  if (isLoopbackHost(hostname)) return 'this_computer';
  return PRIVATE.test(hostname) ? 'local_network' : 'internet';
}

/** `host:port` or `[v6]:port`, as a URL wants it. */
export function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
