import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../electron/core';
import { coreFrom, createServices } from '../../electron/core/create-core';
import { openDatabase } from '../../electron/core/db/open-database';
import { deleteKeychainKey } from '../support/test-core';
import { makeTempDir } from '../support/temp-dir';
import { seedInvites } from './seed-invites';
import { summary, timeAlternating } from './stats';

const CREATES = 300;
const CHECKS = 3;

/** Reads a whole file front to back: the least any check of every page can take. */
function readThrough(file: string): number {
  const started = performance.now();
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(1024 * 1024);
  try {
    while (readSync(fd, buffer, 0, buffer.length, null) > 0);
  } finally {
    closeSync(fd);
  }
  return performance.now() - started;
}

/** `PRAGMA quick_check` as the console runs it at every start, beside reading the file through. */
async function quickCheck(count: number) {
  const dir = makeTempDir('pooler-bench-check');
  const env = { POOLER_KEYCHAIN_SERVICE: `pooler-bench-check-${process.pid}` };
  try {
    await seedInvites(dir.path, count, env, Date.now());
    const file = join(dir.path, DATABASE_FILE);
    const checks: number[] = [];
    const reads: number[] = [];
    for (let i = 0; i < CHECKS; i++) {
      reads.push(readThrough(file));
      const db = new Database(file, { readonly: true });
      const started = performance.now();
      const [result] = db.pragma('quick_check(1)') as { quick_check: string }[];
      checks.push(performance.now() - started);
      db.close();
      if (result?.quick_check !== 'ok') throw new Error(`quick_check: ${result?.quick_check}`);
    }
    const mb = (statSync(file).size / 1024 / 1024).toFixed(0);
    console.log(`  ${count.toLocaleString().padStart(9)} invites (${mb} MB)  quick_check ${summary(checks)}`);
    console.log(`  ${''.padStart(9)}    floor: read the file through  ${summary(reads)}`);
  } finally {
    dir.remove();
    deleteKeychainKey(env.POOLER_KEYCHAIN_SERVICE);
  }
}

/** A core on its own folder, its database at the given synchronous level, with a Pool to invite to. */
async function coreAt(level: 'FULL' | 'NORMAL') {
  const dir = makeTempDir(`pooler-bench-sync-${level}`);
  const env = { POOLER_KEYCHAIN_SERVICE: `pooler-bench-sync-${level}-${process.pid}` };
  const services = await createServices({ dataDir: dir.path, version: 'bench', env, backgroundJobs: false });
  services.sqlite!.pragma(`synchronous = ${level}`);
  const core = await coreFrom(services);
  await core.dispatch('settings.updateOperator', { displayName: 'Bench', email: 'bench@example.com' });
  const pool = (await core.dispatch('pools.create', { name: 'Bench' })) as { ok: true; data: { id: string } };
  let n = 0;
  return {
    create: async () => {
      const result = await core.dispatch('invites.create', {
        poolId: pool.data.id,
        email: `invitee${n++}@example.com`,
        expiry: '24h',
        sendEmail: false,
      });
      if (!result.ok) throw new Error(result.error.message);
    },
    /** The floor: one bare one-row write transaction on a database of its own in the same folder. */
    bare: (() => {
      const db = openDatabase(join(dir.path, 'floor.db'));
      db.pragma(`synchronous = ${level}`);
      db.exec('CREATE TABLE IF NOT EXISTS rows (x INTEGER)');
      const insert = db.prepare('INSERT INTO rows (x) VALUES (?)');
      const write = db.transaction(() => insert.run(n++)).immediate;
      return {
        run: () => Promise.resolve(write()),
        close: () => db.close(),
      };
    })(),
    async close() {
      this.bare.close();
      await core.close();
      dir.remove();
      deleteKeychainKey(env.POOLER_KEYCHAIN_SERVICE);
    },
  };
}

/**
 * The storage figures of issue 13: the start-up integrity check at 100k and 1M invites, and
 * what waiting for the disk on every commit (synchronous=FULL) costs an invite's creation,
 * each beside its floor measured in the same run.
 */
export async function benchStorage(): Promise<void> {
  console.log('\nStart-up integrity check (warm page cache):');
  await quickCheck(100_000);
  await quickCheck(1_000_000);

  const full = await coreAt('FULL');
  const normal = await coreAt('NORMAL');
  try {
    const [fullCreate, normalCreate] = await timeAlternating(full.create, normal.create, CREATES);
    const [fullBare, normalBare] = await timeAlternating(full.bare.run, normal.bare.run, CREATES);
    console.log(`\ninvites.create through dispatch, one at a time (${CREATES} each, alternating):`);
    console.log(`  synchronous=FULL (shipped)   ${summary(fullCreate)}`);
    console.log(`  synchronous=NORMAL           ${summary(normalCreate)}`);
    console.log(`  floor: bare 1-row commit, FULL    ${summary(fullBare)}`);
    console.log(`  floor: bare 1-row commit, NORMAL  ${summary(normalBare)}`);
  } finally {
    await full.close();
    await normal.close();
  }
}
