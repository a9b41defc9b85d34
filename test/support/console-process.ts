import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ChannelName, InputOf, OutputOf, Result } from '../../shared/contract';
import { freePort } from './free-port';
import { deleteKeychainKey, testKeychainService } from './test-core';
import { makeTempDir } from './temp-dir';

export interface ConsoleProcess {
  /** A one-time sign-in link for a browser (the printed one is spent on `session`). */
  url: string;
  origin: string;
  /** The token of the link the console printed. */
  token: string;
  /** A signed-in session, as a page holds it: for calls from the test itself. */
  session: string;
  dataDir: string;
  keychainService: string;
  /** Where invite links are served; kept across a restart, so links stay valid. */
  onboardingPort: number;
  /** The console's process id (for benchmarks that read its CPU time). */
  pid: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Another one-time sign-in link. */
  link(): Promise<string>;
  /** Stops the console and starts it again on the same data folder, keychain entry and ports. */
  restart(): Promise<void>;
  /** Stops the console, leaving its data folder and keychain entry (`stop` still cleans up). */
  halt(): Promise<void>;
  stop(): Promise<void>;
}

const HOST_ENTRY = join(import.meta.dirname, '../../out/main/host.js');

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
}

async function launch(env: NodeJS.ProcessEnv): Promise<Running> {
  const child = spawn(process.execPath, [HOST_ENTRY, '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`console did not start:\n${output}`)), 15_000);
    const check = () => {
      // Ready once the invite-link listener has started too: a test may open a link at once.
      const match = /Pooler Console: (http:\/\/\S+)[\s\S]*Invite links: /.exec(output);
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
  return { child, url, output: () => output };
}

async function halt(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Starts the built browser console (`out/main/host.js`) on free ports with its own data folder. */
export async function startConsoleProcess(
  options: { env?: NodeJS.ProcessEnv; dataDir?: string } = {},
): Promise<ConsoleProcess> {
  const dir = options.dataDir ? null : makeTempDir('pooler-console');
  const dataDir = options.dataDir ?? dir!.path;
  const keychainService = options.env?.POOLER_KEYCHAIN_SERVICE ?? testKeychainService();
  const onboardingPort = Number(options.env?.POOLER_ONBOARDING_PORT ?? (await freePort()));
  const env = {
    ...process.env,
    ...options.env,
    POOLER_ONBOARDING_PORT: String(onboardingPort),
    POOLER_DATA_DIR: dataDir,
    POOLER_KEYCHAIN_SERVICE: keychainService,
  };
  let running = await launch(env);
  const handle: ConsoleProcess = {
    url: '',
    origin: '',
    token: '',
    session: '',
    dataDir,
    keychainService,
    onboardingPort,
    pid: 0,
    output: () => running.output(),
    async link() {
      const response = await fetch(`${handle.origin}/session/link`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${handle.session}` },
      });
      return ((await response.json()) as { data: { url: string } }).data.url;
    },
    async restart() {
      await halt(running.child);
      running = await launch(env);
      await follow();
    },
    halt: () => halt(running.child),
    async stop() {
      await halt(running.child);
      if (!options.dataDir) dir?.remove();
      if (!options.env?.POOLER_KEYCHAIN_SERVICE) deleteKeychainKey(keychainService);
    },
  };
  /** Signs the test in with the printed link, and keeps a fresh link for a browser. */
  const follow = async () => {
    const printed = new URL(running.url);
    const token = printed.searchParams.get('token') ?? '';
    const response = await fetch(`${printed.origin}/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    const { data } = (await response.json()) as { data: { session: string } };
    Object.assign(handle, { origin: printed.origin, token, session: data.session, pid: running.child.pid ?? 0 });
    handle.url = await handle.link();
  };
  await follow();
  return handle;
}

/** Calls the contract over HTTP the way the renderer does, typed by the channel. */
export async function rpc<C extends ChannelName>(
  pooler: ConsoleProcess,
  channel: C,
  input: InputOf<C>,
): Promise<OutputOf<C>> {
  const response = await fetch(`${pooler.origin}/rpc/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${pooler.session}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as Result<OutputOf<C>>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.data;
}
