import { execFile } from 'node:child_process';
import type { TunnelProgram } from '../../../../shared/contract';

/** A short command's stdout (a version, a status), or '' if it fails or hangs. */
export function outputOf(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout: timeoutMs, windowsHide: true }, (_err, stdout) => resolve(String(stdout)));
  });
}

/** What a tunnel's output said, line by line. Formats: ../shared/reference/tunnels.md. */
type TunnelSignal =
  /** Its public address; `ready` when the same line also says traffic flows (ngrok's record). */
  | { kind: 'url'; url: string; ready: boolean }
  | { kind: 'ready' }
  /** A failure that a restart will not fix (no account, Funnel off): stop trying. */
  | { kind: 'fatal'; reason: string }
  | { kind: 'none' };

export interface TunnelProgramSpec {
  program: TunnelProgram;
  /** The command's arguments for a local origin on 127.0.0.1:PORT. */
  args(port: number): string[];
  versionArgs: string[];
  parseVersion(stdout: string): string | null;
  /** Reads one line of its output (stdout or stderr). */
  read(line: string): TunnelSignal;
  /** Where the public address comes from once ready, when the output does not carry it. */
  urlAfterReady?: { args: string[]; parse(stdout: string): string | null };
  /** Why an exit 0 before coming up is a failure, not a reason to restart (Funnel off, for one). */
  cleanExitBeforeUp?: string;
  installUrl: string;
}

const NONE: TunnelSignal = { kind: 'none' };

/**
 * cloudflared quick tunnel (tunnels.md §1): all output on stderr; the URL only from a banner row
 * (error lines mention https://api.trycloudflare.com, which must never be taken); ready once the
 * connection is registered.
 */
const cloudflared: TunnelProgramSpec = {
  program: 'cloudflared',
  args: (port) => ['tunnel', '--no-autoupdate', '--url', `http://127.0.0.1:${port}`],
  versionArgs: ['--version'],
  parseVersion: (out) => /^cloudflared version (\S+)/m.exec(out)?.[1] ?? null,
  read(line) {
    const banner = /^\S+ INF \|\s+(https:\/\/[a-z0-9-]+\.trycloudflare\.com)\s+\|$/.exec(line);
    if (banner?.[1]) return { kind: 'url', url: banner[1], ready: false };
    if (/^\S+ INF Registered tunnel connection\b/.test(line)) return { kind: 'ready' };
    return NONE;
  },
  installUrl: 'https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/downloads/',
};

interface NgrokRecord {
  msg?: unknown;
  url?: unknown;
  lvl?: unknown;
  err?: unknown;
}

/**
 * ngrok v3 with `--log stdout --log-format json` (tunnels.md §2): one JSON record per line; the
 * `started tunnel` record carries the URL and means ready. An ERR_NGROK code on a crit record
 * (no authtoken, an endpoint already online) is not fixed by starting again.
 */
const ngrok: TunnelProgramSpec = {
  program: 'ngrok',
  args: (port) => ['http', `127.0.0.1:${port}`, '--log', 'stdout', '--log-format', 'json'],
  versionArgs: ['version'],
  parseVersion: (out) => /^ngrok version (\S+)/m.exec(out)?.[1] ?? null,
  read(line) {
    let record: NgrokRecord;
    try {
      record = JSON.parse(line) as NgrokRecord;
    } catch {
      return NONE;
    }
    if (record.msg === 'started tunnel') {
      return { kind: 'url', url: typeof record.url === 'string' ? record.url : '', ready: true };
    }
    if (record.lvl === 'crit' && typeof record.err === 'string') {
      const code = /ERR_NGROK_\d+/.exec(record.err)?.[0];
      const first = record.err.split('\n')[0]?.trim() ?? record.err;
      return { kind: 'fatal', reason: code ? `${first} (${code})` : first };
    }
    return NONE;
  },
  installUrl: 'https://ngrok.com/download',
};

/**
 * Tailscale Funnel in the foreground (tunnels.md §3): the funnel lives as long as the child. Its
 * address is this node's DNS name from `tailscale status --json`. When Funnel is off for the
 * tailnet it prints a login.tailscale.com/f/ link and may exit 0 having configured nothing.
 */
const tailscale: TunnelProgramSpec = {
  program: 'tailscale',
  args: (port) => ['funnel', String(port)],
  versionArgs: ['version'],
  parseVersion: (out) => /^\s*(\d+\.\d+\.\d+\S*)/.exec(out)?.[1] ?? null,
  read(line) {
    if (line.includes('login.tailscale.com/f/')) {
      const link = /https:\/\/login\.tailscale\.com\/f\/\S+/.exec(line)?.[0] ?? 'the Tailscale admin console';
      return { kind: 'fatal', reason: `Funnel is not enabled on your tailnet. To enable it, visit ${link}` };
    }
    if (/^Funnel not available|is not allowed for funnel/.test(line)) return { kind: 'fatal', reason: line.trim() };
    if (line.trim() === 'Press Ctrl+C to exit.') return { kind: 'ready' };
    return NONE;
  },
  urlAfterReady: {
    args: ['status', '--json'],
    parse(out) {
      try {
        const status = JSON.parse(out) as { Self?: { DNSName?: unknown } };
        const name = status.Self?.DNSName;
        return typeof name === 'string' && name ? `https://${name.replace(/\.$/, '')}` : null;
      } catch {
        return null;
      }
    },
  },
  cleanExitBeforeUp: 'tailscale exited without opening a funnel',
  installUrl: 'https://tailscale.com/download',
};

export const TUNNEL_SPECS: Record<TunnelProgram, TunnelProgramSpec> = { cloudflared, ngrok, tailscale };

/** A public https origin, nothing else: what a tunnel must report. */
export function isHttpsOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && !url.username && (url.pathname === '/' || url.pathname === '') && !url.search;
  } catch {
    return false;
  }
}
