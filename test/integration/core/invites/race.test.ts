import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../../electron/core';
import { seedOperatorAndPools, tokenOf } from '../../../support/invite-fixtures';
import { startTestCore } from '../../../support/test-core';

const RACES = 1000;
const t = startTestCore();
afterAll(() => t.dispose());

function racer(role: 'accept' | 'revoke', inputFile: string) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, '../../../support/race-worker.ts'),
      t.dataDir,
      role,
      inputFile,
      t.keychainService,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ready = new Promise<void>((resolve) => {
    const check = () => (output.startsWith('ready\n') ? resolve() : undefined);
    child.stdout.on('data', check);
  });
  const done = new Promise<{ won: string[]; lost: Record<string, number> }>((resolve, reject) => {
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(output.split('\n')[1]!)) : reject(new Error(`${role} racer exited ${code}`)),
    );
  });
  return { ready, done, go: () => child.stdin.end('go\n') };
}

describe('accept versus revoke', () => {
  it(`has exactly one winner in each of ${RACES} races between two processes`, { timeout: 120_000 }, async () => {
    const { research } = await seedOperatorAndPools(t);
    const invites = [];
    for (let i = 0; i < RACES; i++) {
      const issued = await t.call('invites.create', {
        poolId: research,
        email: `racer${i}@example.com`,
        expiry: '24h',
        sendEmail: false,
      });
      invites.push({ id: issued.invite.id, token: tokenOf(issued), email: issued.invite.email });
    }
    const inputFile = join(t.dataDir, 'race-input.json');
    writeFileSync(inputFile, JSON.stringify(invites));

    const accepting = racer('accept', inputFile);
    const revoking = racer('revoke', inputFile);
    await Promise.all([accepting.ready, revoking.ready]);
    accepting.go();
    revoking.go();
    const [accepted, revoked] = await Promise.all([accepting.done, revoking.done]);

    // Every race has one winner and one clean loser.
    expect(accepted.won.length + revoked.won.length).toBe(RACES);
    expect(new Set([...accepted.won, ...revoked.won]).size).toBe(RACES);
    expect(accepted.lost).toEqual(revoked.won.length ? { not_active: revoked.won.length } : {});
    expect(revoked.lost).toEqual(accepted.won.length ? { not_active: accepted.won.length } : {});

    const db = new Database(join(t.dataDir, DATABASE_FILE), { readonly: true });
    const states = db
      .prepare(
        'SELECT status, count(*) AS n, sum(accepted_at IS NOT NULL) AS a, sum(revoked_at IS NOT NULL) AS r FROM invites GROUP BY status',
      )
      .all();
    expect(states).toEqual([
      ...(accepted.won.length ? [{ status: 'accepted', n: accepted.won.length, a: accepted.won.length, r: 0 }] : []),
      ...(revoked.won.length ? [{ status: 'revoked', n: revoked.won.length, a: 0, r: revoked.won.length }] : []),
    ]);
    const audited = db
      .prepare(
        "SELECT target_id, count(*) AS n FROM audit_events WHERE action IN ('invite.accepted', 'invite.revoked') GROUP BY target_id HAVING n <> 1",
      )
      .all();
    expect(audited).toEqual([]);
    expect(
      db.prepare("SELECT count(*) AS n FROM audit_events WHERE action IN ('invite.accepted', 'invite.revoked')").get(),
    ).toEqual({ n: RACES });
    db.close();
    console.log(`races: ${accepted.won.length} accepted first, ${revoked.won.length} revoked first`);
  });
});
