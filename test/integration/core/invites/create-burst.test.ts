import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedOperatorAndPools } from '../../../support/invite-fixtures';
import { startTestCore } from '../../../support/test-core';

const t = await startTestCore();
afterAll(() => t.dispose());

describe('a create burst cut off by kill -9', () => {
  it('loses no invite the core acknowledged', { timeout: 60_000 }, async () => {
    const { research } = await seedOperatorAndPools(t);
    const worker = join(import.meta.dirname, '../../../support/create-burst-worker.ts');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', worker, t.dataDir, t.keychainService, research, t.databaseUrl ?? ''],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        // Well into the burst: writes are in flight when the process dies.
        if (output.split('\n').length > 150) resolve();
      });
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const acknowledged = output.split('\n').filter((line) => /^invite-[0-9a-f]{24}$/.test(line));
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);
    const stored = new Set((await t.query<{ id: string }>('SELECT id FROM invites')).map((row) => row.id));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    // And each one whole: its audit entry committed with it.
    const audited = await t.query<{ n: number }>(
      "SELECT count(*) AS n FROM audit_events WHERE action = 'invite.created'",
    );
    expect(audited[0]!.n).toBe(stored.size);
  });
});
