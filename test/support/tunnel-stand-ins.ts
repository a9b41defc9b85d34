import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generate } from 'selfsigned';
import { makeTempDir } from './temp-dir';

/** The folder holding executable stand-ins named cloudflared, ngrok and tailscale. */
const STAND_IN_DIR = join(import.meta.dirname, 'tunnels');

export interface StandIns {
  /** Environment for a core whose PATH finds the stand-ins (and node, which runs them). */
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** The certificate the stand-ins serve TLS with on 127.0.0.2: what the check must trust. */
  ca: string;
  /** Where a stand-in writes its pid once up. */
  pidFile: string;
  remove(): void;
}

/** A certificate for 127.0.0.2 (the stand-ins' second address), written where they can read it. */
export async function standIns(): Promise<StandIns> {
  const dir = makeTempDir('tunnel-stand-ins');
  const pems = await generate([{ name: 'commonName', value: '127.0.0.2' }], {
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 2 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.2' }] },
    ],
  });
  const cert = join(dir.path, 'cert.pem');
  const key = join(dir.path, 'key.pem');
  writeFileSync(cert, pems.cert);
  writeFileSync(key, pems.private);
  const pidFile = join(dir.path, 'tunnel.pid');
  return {
    ca: pems.cert,
    pidFile,
    env: (extra = {}) => ({
      PATH: `${STAND_IN_DIR}:${dirname(process.execPath)}:/usr/bin:/bin`,
      STANDIN_NODE: process.execPath,
      STANDIN_TLS_CERT: cert,
      STANDIN_TLS_KEY: key,
      STANDIN_PID_FILE: pidFile,
      ...extra,
    }),
    remove: () => dir.remove(),
  };
}

/** Whether a process is still there. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Just enough for a console process to find and run the stand-ins (plain TCP, no certificate). */
export function standInPath(): NodeJS.ProcessEnv {
  return { PATH: `${STAND_IN_DIR}:${process.env.PATH ?? ''}`, STANDIN_NODE: process.execPath };
}
