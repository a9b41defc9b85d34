import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { Writable } from 'node:stream';
import type { CoreConfig, Deliver } from '../../electron/core';
import type { Core } from '../../electron/core';
import { coreFrom, createServices, type CoreServices } from '../../electron/core/create-core';
import { keychainEntry } from '../../electron/core/secrets/keychain';
import type { ChannelName, InputOf, OutputOf, Result } from '../../shared/contract';
import { freshPostgresDatabase } from './postgres';
import { makeTempDir } from './temp-dir';

/** A file a download channel wrote in a test core (held in memory). */
interface SavedDownload {
  fileName: string;
  contentType: string;
  text: string;
  count: number;
}

export interface TestCore {
  core: Core;
  /**
   * The core's services, for what the contract deliberately does not offer: accepting an invite
   * without a real OpenAI login, running a sweep now. The shells never see these.
   */
  services: CoreServices;
  dataDir: string;
  keychainService: string;
  /** The PostgreSQL database this core keeps its data in (the PostgreSQL project), or null for SQLite. */
  databaseUrl: string | null;
  /** Calls a channel and returns the data, failing the test on an error result. */
  call<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
  /** Calls a channel and returns the raw Result. */
  raw(channel: string, input: unknown): Promise<Result<unknown>>;
  /** What download channels saved, oldest first (unless a test brings its own `deliver`). */
  downloads: SavedDownload[];
  /** What invite URLs start with right now. */
  publicUrl(): Promise<string>;
  /**
   * Raw SQL through the core's own database (SQLite or PostgreSQL), `?` for each parameter: for
   * what a test checks below the contract (a sealed column, a session's state).
   */
  query<R = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<R[]>;
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

export interface TestCoreOptions {
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  /** Use this folder and leave it in place afterwards. */
  dataDir?: string;
  /** Anything else the core takes (the renderer folder for invite pages, say). */
  config?: Partial<Pick<CoreConfig, 'rendererDir' | 'onboardingLimits' | 'backgroundJobs' | 'reach' | 'alertTimings'>>;
  /** Where downloads go instead of `downloads` (the desktop app's save dialog, say). */
  deliver?: Deliver;
}

interface Cleanup {
  removeDir: (() => void) | null;
  deleteKey: boolean;
  dropDatabase: (() => Promise<void>) | null;
}

/** Saves a download into memory, as a shell would into a file. */
function deliverInto(saved: SavedDownload[]): Deliver {
  return async (download) => {
    const chunks: Buffer[] = [];
    const out = new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        chunks.push(Buffer.from(chunk));
        done();
      },
    });
    const count = await download.write(out);
    saved.push({
      fileName: download.fileName,
      contentType: download.contentType,
      text: Buffer.concat(chunks).toString('utf8'),
      count,
    });
    return { kind: 'saved', fileName: download.fileName, count };
  };
}

async function open(
  options: TestCoreOptions,
  dataDir: string,
  keychainService: string,
  cleanup: Cleanup,
): Promise<TestCore> {
  const env: NodeJS.ProcessEnv = { ...options.env, POOLER_KEYCHAIN_SERVICE: keychainService };
  const services = await createServices({
    dataDir,
    version: '0.0.0-test',
    env,
    checkOutputs: true,
    backgroundJobs: false,
    ...options.config,
    ...(options.now ? { now: options.now } : {}),
  });
  const core = await coreFrom(services);
  const downloads: SavedDownload[] = [];
  const context = { deliver: options.deliver ?? deliverInto(downloads) };
  let closing: Promise<void> | null = null;
  const close = () => (closing ??= core.close());
  return {
    core,
    services,
    dataDir,
    keychainService,
    databaseUrl: env.POOLER_DATABASE_URL ?? null,
    downloads,
    async call(channel, input) {
      const result = await core.dispatch(channel, input, context);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.data as never;
    },
    raw: (channel, input) => core.dispatch(channel, input, context),
    publicUrl: () => services.address.publicUrl(),
    async query<R>(text: string, ...params: unknown[]) {
      const parts = text.split('?');
      const strings = Object.assign([...parts], { raw: parts }) as unknown as TemplateStringsArray;
      return (await sql<R>(strings, ...params).execute(services.db.q())).rows;
    },
    async restart() {
      await close();
      return open(options, dataDir, keychainService, cleanup);
    },
    async dispose() {
      await close();
      await cleanup.dropDatabase?.();
      cleanup.removeDir?.();
      if (cleanup.deleteKey) deleteKeychainKey(keychainService);
    },
  };
}

/**
 * A core on a fresh temporary data folder with its own keychain service, unless told otherwise.
 * Under the PostgreSQL project (POOLER_TEST_DATABASE=postgres) its data lives in a fresh database
 * of the run's cluster instead of the folder's SQLite file.
 */
export async function startTestCore(options: TestCoreOptions = {}): Promise<TestCore> {
  const dir = options.dataDir ? null : makeTempDir('pooler-core');
  const keychainService = options.env?.POOLER_KEYCHAIN_SERVICE ?? testKeychainService();
  const onPostgres = process.env.POOLER_TEST_DATABASE === 'postgres' && !options.env?.POOLER_DATABASE_URL;
  const database = onPostgres ? await freshPostgresDatabase() : null;
  const opened = database ? { ...options, env: { ...options.env, POOLER_DATABASE_URL: database.url } } : options;
  return open(opened, options.dataDir ?? dir!.path, keychainService, {
    removeDir: dir ? dir.remove : null,
    deleteKey: !options.env?.POOLER_KEYCHAIN_SERVICE,
    dropDatabase: database ? database.drop : null,
  });
}
