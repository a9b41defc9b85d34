import { randomBytes } from 'node:crypto';
import type * as Keyring from '@napi-rs/keyring';
import { createRequire } from 'node:module';
import { DATA_KEY_BYTES } from './secret-box';

const ACCOUNT = 'data-key';

// On Linux the library otherwise falls back to the kernel keyring when no Secret Service answers:
// memory-only, gone at logout, taking every sealed secret with it. Pinned, it throws instead.
// The option is ignored on macOS and Windows, whose keychains are always persistent.
const PERSISTENT_ONLY = { linux: { store: 'secret-service' as const } };

/** Loaded as CommonJS, as better-sqlite3 is (see db/sqlite-driver.ts). */
const { Entry } = createRequire(import.meta.url)('@napi-rs/keyring') as typeof Keyring;

export function keychainEntry(service: string, account = ACCOUNT): Keyring.Entry {
  return new Entry(service, account, PERSISTENT_ONLY);
}

/**
 * Reads this installation's data key from the OS keychain, creating it on first use.
 * Throws whatever the platform keychain throws when it cannot be reached.
 */
export function loadOrCreateDataKey(service: string): { key: Buffer; created: boolean } {
  const entry = keychainEntry(service);
  const existing = entry.getPassword();
  if (existing) {
    const key = Buffer.from(existing, 'base64');
    if (key.length !== DATA_KEY_BYTES)
      throw new Error(`the keychain entry "${service}" does not hold a ${DATA_KEY_BYTES}-byte key`);
    return { key, created: false };
  }
  const key = randomBytes(DATA_KEY_BYTES);
  entry.setPassword(key.toString('base64'));
  return { key, created: true };
}
