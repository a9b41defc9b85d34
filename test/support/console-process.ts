import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { deleteKeychainKey, testKeychainService } from './test-core';
import { makeTempDir } from './temp-dir';

export interface ConsoleProcess {
  /** The printed link, with its token. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** The console's process id (for benchmarks that read its CPU time). */
  pid: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

const HOST_ENTRY = join(import.meta.dirname, '../../out/main/host.js');

/** Starts the built browser console (`out/main/host.js`) on a free port with its own data folder. */
export async function startConsoleProcess(
  options: { env?: NodeJS.ProcessEnv; dataDir?: string } = {},
): Promise<ConsoleProcess> {
  const dir = options.dataDir ? null : makeTempDir('pooler-console');
  const dataDir = options.dataDir ?? dir!.path;
  const keychainService = options.env?.POOLER_KEYCHAIN_SERVICE ?? testKeychainService();
  const child: ChildProcess = spawn(process.execPath, [HOST_ENTRY, '--port', '0'], {
    // Any free onboarding port, so parallel consoles never collide on 7420.
    env: {
      ...process.env,
      POOLER_ONBOARDING_PORT: '0',
      ...options.env,
      POOLER_DATA_DIR: dataDir,
      POOLER_KEYCHAIN_SERVICE: keychainService,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`console did not start:\n${output}`)), 15_000);
    const check = () => {
      const match = /Pooler Console: (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`console exited with ${code}:\n${output}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    pid: child.pid!,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.dataDir) dir?.remove();
      if (!options.env?.POOLER_KEYCHAIN_SERVICE) deleteKeychainKey(keychainService);
    },
  };
}

/** Calls the contract over HTTP the way the renderer does, for setting up state quickly. */
export async function rpc<T = unknown>(pooler: ConsoleProcess, channel: string, input: unknown): Promise<T> {
  const response = await fetch(`${pooler.origin}/rpc/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${pooler.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: boolean; data: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
  return result.data;
}
