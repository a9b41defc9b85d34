import { randomFillSync } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createCore, DATABASE_FILE } from '../../electron/core';

const DAY = 86_400_000;
const TTLS = [3600, 86_400, 7 * 86_400, 30 * 86_400];

/**
 * A data folder with `count` invites over 20 Pools, spread over the past year in insertion order,
 * in the mix a long-running console accumulates: mostly accepted, expired or revoked, with the
 * live ones among the most recent. Inserted in bulk, straight into SQLite.
 */
export async function seedInvites(
  dataDir: string,
  count: number,
  env: NodeJS.ProcessEnv,
  now: number,
): Promise<string[]> {
  const core = await createCore({ dataDir, version: 'bench', env });
  const call = async (channel: string, input: unknown) => {
    const result = await core.dispatch(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.data as { id: string };
  };
  await call('settings.updateOperator', { displayName: 'Bench Operator', email: 'bench@example.com' });
  const poolIds: string[] = [];
  for (let p = 0; p < 20; p++)
    poolIds.push((await call('pools.create', { name: `Pool ${String(p).padStart(2, '0')}` })).id);
  await core.close();

  const db = new Database(join(dataDir, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  // The unique id and token hash are random keys: their indexes stay in memory while they fill.
  db.pragma('cache_size = -524288');
  // Indexes and the email index are built once after the bulk insert (as CREATE INDEX and
  // migration 0008 build them), not row by row: a million random keys inserted one by one is
  // most of a minute.
  const rebuilt = db
    .prepare<[], { type: string; name: string; sql: string }>(
      `SELECT type, name, sql FROM sqlite_schema
       WHERE tbl_name = 'invites' AND sql IS NOT NULL AND (type = 'index' OR name = 'invites_email_search_insert')`,
    )
    .all();
  for (const { type, name } of rebuilt) db.exec(`DROP ${type.toUpperCase()} ${name}`);
  const insert = db.prepare(
    `INSERT INTO invites (id, pool_id, email, token_hash, status, ttl_seconds, created_at, created_by, expires_at,
       accepted_at, accepted_by_email, upstream_id, revoked_at, revoked_by, email_requested, email_sent_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'Bench Operator', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const hashes = Buffer.alloc(32 * 10_000);
  const idBytes = Buffer.alloc(12);
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      if (i % 10_000 === 0) randomFillSync(hashes);
      randomFillSync(idBytes);
      const createdAt = now - 365 * DAY + Math.floor((i / count) * 365 * DAY);
      const ttl = TTLS[i % 4]!;
      const expiresAt = createdAt + ttl * 1000;
      const roll = (i * 2_654_435_761) % 100;
      const email = `user${i}@company${i % 500}.example`;
      let status = roll < 45 ? 'accepted' : roll < 60 ? 'revoked' : 'active';
      if (status === 'active' && expiresAt <= now) status = roll < 95 ? 'expired' : 'active'; // a few not yet swept
      if (status === 'accepted' && createdAt + 60_000 > now) status = 'active';
      const acceptedAt = status === 'accepted' ? createdAt + 60_000 : null;
      const revokedAt = status === 'revoked' ? createdAt + 120_000 : null;
      insert.run(
        `invite-${idBytes.toString('hex')}`,
        poolIds[i % 20],
        email,
        hashes.subarray((i % 10_000) * 32, (i % 10_000) * 32 + 32),
        status,
        ttl,
        createdAt,
        expiresAt,
        acceptedAt,
        acceptedAt === null ? null : email,
        acceptedAt === null ? null : `upstream-${i}`,
        revokedAt,
        revokedAt === null ? null : 'Bench Operator',
        i % 3 === 0 ? 1 : 0,
        i % 3 === 0 ? createdAt + 5_000 : null,
      );
    }
  })();
  db.exec("INSERT INTO invites_email_search (invites_email_search) VALUES ('rebuild')");
  for (const { sql } of rebuilt) db.exec(sql);
  db.close();
  return poolIds;
}
