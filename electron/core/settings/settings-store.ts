import type { SqlDatabase } from '../db/sql/sql-database';

/** JSON values under string keys, for small non-secret settings. */
export interface SettingsStore {
  read<T>(key: string): Promise<T | null>;
  write(key: string, value: unknown): Promise<void>;
}

export function createSettingsStore(db: SqlDatabase, now: () => number): SettingsStore {
  return {
    async read<T>(key: string) {
      const row = await db.q().selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      return row ? (JSON.parse(row.value) as T) : null;
    },
    async write(key, value) {
      const row = { key, value: JSON.stringify(value), updated_at: now() };
      await db
        .q()
        .insertInto('settings')
        .values(row)
        .onConflict((c) => c.column('key').doUpdateSet({ value: row.value, updated_at: row.updated_at }))
        .execute();
    },
  };
}
