import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { makeTempDir } from './temp-dir';

/** The built team server, as `npm run serve` runs it. */
export const SERVE_ENTRY = join(import.meta.dirname, '../../out/main/serve.js');

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/**
 * Settings for a server on a fresh data folder with a key file (no keychain: the session bus is
 * cut off, as on a server). `cleanup` receives what removes the folder.
 */
export function serverEnv(cleanup: (fn: () => unknown) => void, extra: NodeJS.ProcessEnv = {}) {
  const dir = makeTempDir('pooler-serve');
  cleanup(dir.remove);
  return {
    dir: dir.path,
    env: {
      ...process.env,
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus',
      POOLER_DATA_DIR: join(dir.path, 'data'),
      POOLER_DATA_KEY_FILE: join(dir.path, 'data.key'),
      POOLER_SERVER_PORT: '0',
      POOLER_ONBOARDING_PORT: '0',
      ...extra,
    } as NodeJS.ProcessEnv & { POOLER_DATA_DIR: string; POOLER_DATA_KEY_FILE: string },
  };
}

/** Starts `serve.js`; resolves once it logged `server started`, with its parsed log lines so far. */
export async function startServer(env: NodeJS.ProcessEnv, cleanup: (fn: () => unknown) => void) {
  const child = spawn(process.execPath, [SERVE_ENTRY], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanup(() => stopServer(child));
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = () =>
    stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as LogLine);
  const ready = await new Promise<LogLine>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const line = lines().find((l) => l.msg === 'server started');
      if (line) resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stdout}${stderr}`)));
  });
  return { child, ready, lines, stdout: () => stdout };
}

/** SIGTERM, as a supervisor stops it; resolves once it exited. */
export async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
