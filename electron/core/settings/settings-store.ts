import type { Db } from '../db/open-database';

/** JSON values under string keys, for small non-secret settings. */
export interface SettingsStore {
  read<T>(key: string): T | null;
  write(key: string, value: unknown): void;
}

export function createSettingsStore(db: Db, now: () => number): SettingsStore {
  const select = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const upsert = db.prepare(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  return {
    read<T>(key: string) {
      const row = select.get(key);
      return row ? (JSON.parse(row.value) as T) : null;
    },
    write(key, value) {
      upsert.run(key, JSON.stringify(value), now());
    },
  };
}
