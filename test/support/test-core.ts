import { randomBytes } from 'node:crypto';
import { createCore, type Core, type CoreConfig } from '../../electron/core';
import { keychainEntry } from '../../electron/core/secrets/keychain';
import type { ChannelName, InputOf, OutputOf, Result } from '../../shared/contract';
import { makeTempDir } from './temp-dir';

export interface TestCore {
  core: Core;
  dataDir: string;
  keychainService: string;
  /** Calls a channel and returns the data, failing the test on an error result. */
  call<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
  /** Calls a channel and returns the raw Result. */
  raw(channel: string, input: unknown): Promise<Result<unknown>>;
  /** Closes this core and opens a new one on the same data folder (a restart); the new handle owns cleanup. */
  restart(): Promise<TestCore>;
  dispose(): Promise<void>;
}

/** A keychain service name of its own, so parallel test files never share a data key. */
export function testKeychainService(): string {
  return `pooler-console-test-${randomBytes(6).toString('hex')}`;
}

export function deleteKeychainKey(service: string): void {
  try {
    keychainEntry(service).deletePassword();
  } catch {
    // No keychain, or nothing stored: nothing to clean up.
  }
}

interface Options {
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  /** Use this folder and leave it in place afterwards. */
  dataDir?: string;
  /** Anything else the core takes (the renderer folder for invite pages, say). */
  config?: Partial<Pick<CoreConfig, 'rendererDir' | 'onboardingLookupsPerMinute' | 'backgroundJobs' | 'saveFile'>>;
}

interface Cleanup {
  removeDir: (() => void) | null;
  deleteKey: boolean;
}

function open(options: Options, dataDir: string, keychainService: string, cleanup: Cleanup): TestCore {
  const env = { ...options.env, POOLER_KEYCHAIN_SERVICE: keychainService };
  const core = createCore({
    dataDir,
    version: '0.0.0-test',
    env,
    checkOutputs: true,
    backgroundJobs: false,
    ...options.config,
    ...(options.now ? { now: options.now } : {}),
  });
  let closing: Promise<void> | null = null;
  const close = () => (closing ??= core.close());
  return {
    core,
    dataDir,
    keychainService,
    async call(channel, input) {
      const result = await core.dispatch(channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.data as never;
    },
    raw: (channel, input) => core.dispatch(channel, input),
    async restart() {
      await close();
      return open(options, dataDir, keychainService, cleanup);
    },
    async dispose() {
      await close();
      cleanup.removeDir?.();
      if (cleanup.deleteKey) deleteKeychainKey(keychainService);
    },
  };
}

/** A core on a fresh temporary data folder with its own keychain service, unless told otherwise. */
export function startTestCore(options: Options = {}): TestCore {
  const dir = options.dataDir ? null : makeTempDir('pooler-core');
  const keychainService = options.env?.POOLER_KEYCHAIN_SERVICE ?? testKeychainService();
  return open(options, options.dataDir ?? dir!.path, keychainService, {
    removeDir: dir ? dir.remove : null,
    deleteKey: !options.env?.POOLER_KEYCHAIN_SERVICE,
  });
}
