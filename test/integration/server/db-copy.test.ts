import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedOperatorAndPools, tokenHashOf } from '../../support/invite-fixtures';
import { freshPostgresDatabase } from '../../support/postgres';
import { SERVE_ENTRY } from '../../support/serve-process';
import { smtpSettings } from '../../support/smtp-settings';
import { startTestCore, type TestCore } from '../../support/test-core';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

beforeAll(() => {
  expect(existsSync(SERVE_ENTRY), 'the built server is missing: run `npm run build` first').toBe(true);
});

function dbCommand(dataDir: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [SERVE_ENTRY, 'db', ...args], {
    env: { ...process.env, POOLER_DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** What an operator sees: the same after the copy, or something was lost. */
async function seen(t: TestCore) {
  return {
    pools: await t.call('pools.list', {}),
    invites: await t.call('invites.list', {}),
    audit: await t.call('audit.list', { limit: 200 }),
    smtp: await t.call('smtp.get', {}),
  };
}

describe('npm run serve -- db copy --to postgres://…', () => {
  it('copies a SQLite store into an empty PostgreSQL one: every row, secrets still sealed and opened by the same key', async () => {
    const source = await startTestCore();
    cleanups.push(() => source.dispose());
    const { research } = await seedOperatorAndPools(source);
    const issued = [];
    for (const email of ['ada@example.com', 'bob@example.com', 'cy@example.com'])
      issued.push(await source.call('invites.create', { poolId: research, email, expiry: '24h', sendEmail: false }));
    await source.services.invites.accept(tokenHashOf(issued[0]!), {
      acceptedByEmail: 'ada@example.com',
      upstreamId: 'upstream-1',
    });
    await source.call('invites.revoke', { id: issued[1]!.invite.id });
    await source.call(
      'smtp.update',
      smtpSettings(2525, {
        security: 'starttls',
        username: 'mailer',
        password: { action: 'replace', value: 'copied-sealed' },
      }),
    );
    await source.services.operators.add({ email: 'olga@example.com', role: 'owner' }, { kind: 'system', name: 't' });
    const before = await seen(source);
    await source.core.close();

    const target = await freshPostgresDatabase();
    cleanups.push(target.drop);
    expect(dbCommand(source.dataDir, 'copy')).toMatchObject({ status: 2, stderr: expect.stringContaining('Usage') });
    const copied = dbCommand(source.dataDir, 'copy', '--to', target.url);
    expect(copied.stderr).toBe('');
    expect(copied.status).toBe(0);
    expect(copied.stdout).toMatch(/every table's count matches/);
    expect(copied.stdout).toMatch(/invites\s+3\n/);
    expect(copied.stdout).toMatch(/operators\s+1\n/);

    // Into a database that holds data already: refused, nothing added.
    const again = dbCommand(source.dataDir, 'copy', '--to', target.url);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/Nothing was copied: The PostgreSQL database already holds settings/);

    const onPostgres = await startTestCore({
      env: { POOLER_DATABASE_URL: target.url, POOLER_KEYCHAIN_SERVICE: source.keychainService },
    });
    cleanups.push(() => onPostgres.core.close());
    expect(onPostgres.services.sqlite).toBeNull();
    expect(await seen(onPostgres)).toEqual(before);
    expect(await onPostgres.services.secrets.get('smtp.password')).toBe('copied-sealed');
    expect((await onPostgres.query("SELECT value FROM secrets WHERE name = 'smtp.password'"))[0]).not.toMatchObject({
      value: Buffer.from('copied-sealed'),
    });
    // New rows continue after the copied ones: the identity sequences moved on.
    const next = await onPostgres.call('invites.create', {
      poolId: research,
      email: 'dee@example.com',
      expiry: '24h',
      sendEmail: false,
    });
    expect((await onPostgres.call('invites.list', {})).invites[0]!.id).toBe(next.invite.id);
    const [newest] = (await onPostgres.call('audit.list', { limit: 1 })).entries;
    expect(newest!.id).toBeGreaterThan(before.audit.entries[0]!.id);
  });

  it('says what is wrong with the URL and copies nothing', async () => {
    const source = await startTestCore();
    cleanups.push(() => source.dispose());
    await source.core.close();
    const wrong = dbCommand(source.dataDir, 'copy', '--to', 'mysql://db/pooler');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/Nothing was copied: The --to URL must start with postgres:\/\//);
  });
});
