import type { KeychainStatus } from '../../../shared/contract';
import type { Db } from '../db/open-database';
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
  put(name: string, value: string): void;
  /** Decrypts a named secret, or null when none is stored. */
  get(name: string): string | null;
  /** Whether a named secret is stored; answers even without the keychain. */
  has(name: string): boolean;
  delete(name: string): void;
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
export function createSecrets(db: Db, store: DataKeyStore, now: () => number, logger: Logger): Secrets {
  const select = db.prepare<[string], { value: Buffer }>('SELECT value FROM secrets WHERE name = ?');
  const upsert = db.prepare(
    'INSERT INTO secrets (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  const remove = db.prepare('DELETE FROM secrets WHERE name = ?');
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

  function unlock(): KeyState {
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
    const check = select.get(KEY_CHECK);
    if (!check) {
      upsert.run(KEY_CHECK, seal(key, KEY_CHECK, KEY_CHECK_PLAINTEXT), now());
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

  const state = unlock();

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
    put(name, value) {
      upsert.run(name, seal(key(), name, value), now());
    },
    get(name) {
      const row = select.get(name);
      return row ? open(key(), name, row.value) : null;
    },
    has: (name) => select.get(name) !== undefined,
    delete(name) {
      remove.run(name);
    },
    seal: (purpose, value) => seal(key(), purpose, value),
    open: (purpose, blob) => open(key(), purpose, blob),
  };
}
