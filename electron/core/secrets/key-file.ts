import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { StartupError } from '../errors';
import { DATA_KEY_BYTES } from './secret-box';

/**
 * Reads the data key from a file (a server without an OS keychain: `POOLER_DATA_KEY_FILE`),
 * creating it on first use, readable by its owner only. A file that others can read, or that
 * does not hold one base64 key, stops the start with a sentence saying so: guessing would seal
 * secrets nobody can open later.
 */
export function loadOrCreateKeyFile(path: string): { key: Buffer; created: boolean } {
  let stat;
  try {
    stat = statSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw unreadable(path, err);
    const key = randomBytes(DATA_KEY_BYTES);
    try {
      // `wx`: never overwrite a key that appeared meanwhile (another process creating it).
      writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (writeErr) {
      if ((writeErr as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateKeyFile(path);
      throw new StartupError(
        'data_key_file',
        `The data key file ${path} could not be created (${(writeErr as NodeJS.ErrnoException).code ?? 'error'}).`,
      );
    }
    return { key, created: true };
  }
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    throw new StartupError(
      'data_key_file',
      `The data key file ${path} can be read by others (mode ${(stat.mode & 0o777).toString(8)}); run chmod 600 on it.`,
    );
  }
  let text;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (err) {
    throw unreadable(path, err);
  }
  const key = Buffer.from(text, 'base64');
  if (key.length !== DATA_KEY_BYTES || key.toString('base64') !== text) {
    throw new StartupError(
      'data_key_file',
      `The data key file ${path} does not hold a ${DATA_KEY_BYTES}-byte base64 key.`,
    );
  }
  return { key, created: false };
}

function unreadable(path: string, err: unknown): StartupError {
  return new StartupError(
    'data_key_file',
    `The data key file ${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).`,
  );
}
