import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { DATABASE_FILE } from '../../electron/core';
import type { TestCore } from './test-core';

/** Every row of every table, read through a second connection: what "changed nothing" compares. */
export function snapshotDatabase(dataDir: string): Record<string, unknown[]> {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[];
    // In a stable order even for tables without a rowid (the email index's shadow tables).
    const rows = (name: string) =>
      db
        .prepare(`SELECT * FROM "${name}"`)
        .all()
        .map((row) => [JSON.stringify(row), row] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, row]) => row);
    return Object.fromEntries(tables.map(({ name }) => [name, rows(name)]));
  } finally {
    db.close();
  }
}

/**
 * The same for a test core whichever database holds its data: its SQLite file, or every table of
 * its PostgreSQL database (read through the core's own pool, outside any write).
 */
export async function snapshotStore(t: TestCore): Promise<Record<string, unknown[]>> {
  if (t.services.sqlite) return snapshotDatabase(t.dataDir);
  const q = t.services.db.q();
  const tables = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(q);
  const snapshot: Record<string, unknown[]> = {};
  for (const { name } of tables.rows) {
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(q);
    snapshot[name] = rows
      .map((row) => [JSON.stringify(row), row] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, row]) => row);
  }
  return snapshot;
}

/** Every value the database holds for this core, as bytes: what "never stored in plain text" scans. */
export async function storedBytes(t: TestCore): Promise<Buffer> {
  const cells = Object.values(await snapshotStore(t)).flatMap((rows) =>
    rows.flatMap((row) => Object.values(row as Record<string, unknown>)),
  );
  return Buffer.concat(cells.map((cell) => (Buffer.isBuffer(cell) ? cell : Buffer.from(String(cell)))));
}
