import { readFileSync } from 'node:fs';
import { StartupError } from '../core/errors';

export interface ServerConfig {
  host: string;
  port: number;
  /** PEM certificate and key when the server terminates TLS itself; null behind a reverse proxy. */
  tls: { cert: Buffer; key: Buffer } | null;
  /** Where operators reach the server (enrolment links start with it): `POOLER_SERVER_URL`, else this listener. */
  publicUrl: string;
}

const DEFAULT_PORT = 7440;

/**
 * The server listener's settings from the environment: `POOLER_SERVER_HOST` (default 127.0.0.1:
 * a reverse proxy in front), `POOLER_SERVER_PORT` (7440), and `POOLER_TLS_CERT` with
 * `POOLER_TLS_KEY` (both or neither) to serve HTTPS directly. A bad value stops the start,
 * naming it.
 */
export function serverConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const host = env.POOLER_SERVER_HOST?.trim() || '127.0.0.1';
  const rawPort = env.POOLER_SERVER_PORT?.trim();
  const port = rawPort ? Number(rawPort) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new StartupError(
      'invalid_environment',
      `POOLER_SERVER_PORT must be a port number from 0 to 65535, got "${rawPort}".`,
    );
  }
  const certPath = env.POOLER_TLS_CERT?.trim();
  const keyPath = env.POOLER_TLS_KEY?.trim();
  if (!certPath !== !keyPath) {
    throw new StartupError(
      'invalid_environment',
      'POOLER_TLS_CERT and POOLER_TLS_KEY go together: set both to serve HTTPS, or neither behind a reverse proxy.',
    );
  }
  const tls =
    certPath && keyPath ? { cert: pem(certPath, 'POOLER_TLS_CERT'), key: pem(keyPath, 'POOLER_TLS_KEY') } : null;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return {
    host,
    port,
    tls,
    publicUrl: publicUrl(env.POOLER_SERVER_URL) ?? `${tls ? 'https' : 'http'}://${hostPart}:${port}`,
  };
}

function publicUrl(raw: string | undefined): string | null {
  const value = raw?.trim();
  if (!value) return null;
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // Named below.
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username) {
    throw new StartupError(
      'invalid_environment',
      `POOLER_SERVER_URL must be the http(s) address operators open, like https://pooler.example.com, got "${value.slice(0, 100)}".`,
    );
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function pem(path: string, name: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new StartupError(
      'invalid_environment',
      `${name} names ${path}, which cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  }
}
