import type { KeychainStatus } from '../../../shared/contract';
import type { SqlDatabase } from '../db/sql/sql-database';
import { AppError } from '../errors';
import type { Logger } from '../log/logger';
import { StartupError } from '../errors';
import { loadOrCreateKeyFile } from './key-file';
import { loadOrCreateDataKey } from './keychain';
import { open, seal } from './secret-box';

const KEY_CHECK = 'secrets.key-check';
const KEY_CHECK_PLAINTEXT = 'pooler-console key check';

export interface Secrets {
  status(): KeychainStatus;
  /** Throws `keychain_unavailable` (with the reason) unless secrets can be sealed and opened. */
  require(): void;
  /** Encrypts and stores a named secret (e.g. `smtp.password`). */
  put(name: string, value: string): Promise<void>;
  /** Decrypts a named secret, or null when none is stored. */
  get(name: string): Promise<string | null>;
  /** Whether a named secret is stored; answers even without the keychain. */
  has(name: string): Promise<boolean>;
  delete(name: string): Promise<void>;
  /** For secrets kept in their owner's row (account tokens): seal and open a value directly. */
  seal(purpose: string, value: string): Buffer;
  open(purpose: string, blob: Buffer): string;
}

type KeyState = { available: true; key: Buffer } | { available: false; reason: string };

function unavailable(reason: string): KeyState {
  return {
    available: false,
    reason: `${reason} Features that store secrets (the email password, account tokens) are disabled until it is available.`,
  };
}

/** Where the data key is kept: the OS keychain (under a service name), or a file (a server without one). */
export type DataKeyStore = { kind: 'keychain'; service: string } | { kind: 'file'; path: string };

/** The key file when `POOLER_DATA_KEY_FILE` names one, else the OS keychain. */
export function dataKeyStore(config: { keychainService: string; dataKeyFile: string }): DataKeyStore {
  return config.dataKeyFile
    ? { kind: 'file', path: config.dataKeyFile }
    : { kind: 'keychain', service: config.keychainService };
}

/**
 * The data key lives in the OS keychain (or a key file); sealed values live in SQLite. With no
 * keychain the console keeps working for everything else and every secret operation fails with
 * `keychain_unavailable` — never a silent fall back to plain text. A key file that cannot be used
 * stops the start instead: it was named on purpose.
 */
export async function createSecrets(
  db: SqlDatabase,
  store: DataKeyStore,
  now: () => number,
  logger: Logger,
): Promise<Secrets> {
  const select = (name: string) =>
    db.q().selectFrom('secrets').select('value').where('name', '=', name).executeTakeFirst();
  const upsert = async (name: string, value: Buffer) => {
    const updated_at = now();
    await db
      .q()
      .insertInto('secrets')
      .values({ name, value, updated_at })
      .onConflict((c) => c.column('name').doUpdateSet({ value, updated_at }))
      .execute();
  };
  const where = store.kind === 'file' ? store.path : store.service;

  function loadKey(): Buffer {
    if (store.kind === 'keychain') return loadOrCreateDataKey(store.service).key;
    const { key, created } = loadOrCreateKeyFile(store.path);
    if (created) {
      logger.warn(
        { path: store.path },
        'created a new data key file: back it up with the database, which cannot be read without it',
      );
    }
    return key;
  }

  async function unlock(): Promise<KeyState> {
    let key: Buffer;
    try {
      key = loadKey();
    } catch (err) {
      if (err instanceof StartupError) throw err;
      logger.warn({ err, store: store.kind }, 'keychain unavailable');
      return unavailable(
        process.platform === 'linux'
          ? 'The OS keychain is unavailable: no Secret Service (such as GNOME Keyring or KWallet) answered on the session bus.'
          : 'The OS keychain is unavailable.',
      );
    }
    const check = await select(KEY_CHECK);
    if (!check) {
      await upsert(KEY_CHECK, seal(key, KEY_CHECK, KEY_CHECK_PLAINTEXT));
      return { available: true, key };
    }
    try {
      open(key, KEY_CHECK, check.value);
      return { available: true, key };
    } catch {
      logger.warn({ store: store.kind }, 'data key does not match this data folder');
      return unavailable(
        store.kind === 'file'
          ? `The data key in ${store.path} is not the one this data folder's secrets were sealed with.`
          : `The data key in the OS keychain (service "${store.service}") is not the one this data folder's secrets were sealed with.`,
      );
    }
  }

  const state = await unlock();

  function key(): Buffer {
    if (!state.available) throw new AppError('keychain_unavailable', state.reason);
    return state.key;
  }

  return {
    status: () => ({
      available: state.available,
      store: store.kind,
      service: where,
      reason: state.available ? null : state.reason,
    }),
    require: () => void key(),
    put: async (name, value) => upsert(name, seal(key(), name, value)),
    async get(name) {
      const row = await select(name);
      return row ? open(key(), name, row.value) : null;
    },
    has: async (name) => (await select(name)) !== undefined,
    async delete(name) {
      await db.q().deleteFrom('secrets').where('name', '=', name).execute();
    },
    seal: (purpose, value) => seal(key(), purpose, value),
    open: (purpose, blob) => open(key(), purpose, blob),
  };
}
