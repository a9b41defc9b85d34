import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedOperatorAndPools, tokenOf } from '../../../support/invite-fixtures';
import { startTestCore } from '../../../support/test-core';

const RACES = 1000;
const t = await startTestCore();
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
      t.databaseUrl ?? '',
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

    const states = await t.query(
      `SELECT status, count(*) AS n, sum(CASE WHEN accepted_at IS NOT NULL THEN 1 ELSE 0 END) AS a,
         sum(CASE WHEN revoked_at IS NOT NULL THEN 1 ELSE 0 END) AS r FROM invites GROUP BY status ORDER BY status`,
    );
    expect(states).toEqual([
      ...(accepted.won.length ? [{ status: 'accepted', n: accepted.won.length, a: accepted.won.length, r: 0 }] : []),
      ...(revoked.won.length ? [{ status: 'revoked', n: revoked.won.length, a: 0, r: revoked.won.length }] : []),
    ]);
    const audited = await t.query(
      "SELECT target_id FROM audit_events WHERE action IN ('invite.accepted', 'invite.revoked') GROUP BY target_id HAVING count(*) <> 1",
    );
    expect(audited).toEqual([]);
    expect(
      await t.query("SELECT count(*) AS n FROM audit_events WHERE action IN ('invite.accepted', 'invite.revoked')"),
    ).toEqual([{ n: RACES }]);
    console.log(`races: ${accepted.won.length} accepted first, ${revoked.won.length} revoked first`);
  });
});
