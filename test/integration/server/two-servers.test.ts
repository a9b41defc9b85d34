import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OnboardingPageState } from '../../../shared/onboarding/page-state';
import { generateSync } from 'otplib';
import pg from 'pg';
import { startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai/fake-openai-server';
import { openEventStream } from '../../support/event-stream-client';
import { authJsonFor } from '../../support/upstream-harness';
import { freshPostgresDatabase } from '../../support/postgres';
import { serverEnv, startServer, type LogLine } from '../../support/serve-process';
import { startTestCore } from '../../support/test-core';
import { makeTempDir } from '../../support/temp-dir';

const cleanups: (() => unknown)[] = [];
const cleanup = (fn: () => unknown) => void cleanups.push(fn);
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

const HOLDS = 'background jobs run here: this process holds the lease';
const PASSWORD = 'correct horse battery staple';

/**
 * Two `npm run serve` processes on one PostgreSQL database, each with its own data folder (its
 * log) and the same data key file, as two machines behind a load balancer would run.
 */
async function twoServers(fake: FakeOpenAI, accounts = 0) {
  const database = await freshPostgresDatabase();
  cleanup(database.drop);
  const keys = makeTempDir('pooler-keys');
  cleanup(keys.remove);
  const shared = {
    POOLER_DATABASE_URL: database.url,
    POOLER_DATA_KEY_FILE: join(keys.path, 'data.key'),
    POOLER_OPENAI_ISSUER: fake.issuer,
    POOLER_CHATGPT_BASE_URL: fake.chatgptBaseUrl,
  };
  // An operator, a Pool and an invite, made by a console on the same database and key.
  const { env: seedEnv } = serverEnv(cleanup, shared);
  const seed = await startTestCore({ dataDir: seedEnv.POOLER_DATA_DIR, env: seedEnv });
  await seed.call('settings.updateOperator', { displayName: 'Ada', email: 'ada@example.com' });
  const { id: poolId } = await seed.call('pools.create', { name: 'Research' });
  const issued = await seed.call('invites.create', {
    poolId,
    email: 'bob@example.com',
    expiry: '24h',
    sendEmail: false,
  });
  for (let i = 0; i < accounts; i++)
    await seed.call('upstreams.importAuth', { poolId, file: authJsonFor(fake.mintTokens(`acct${i}@example.com`)) });
  // An enrolled owner, who signs in on either server.
  const owner = { kind: 'system', name: 'test' } as const;
  const { enrolmentToken } = await seed.services.operators.add({ email: 'olga@example.com', role: 'owner' }, owner);
  const { totpSecret } = await seed.services.operators.beginEnrolment(enrolmentToken);
  const epoch = Math.floor(Date.now() / 1000);
  const code = (steps: number) => generateSync({ secret: totpSecret, epoch: epoch + steps * 30 });
  await seed.services.operators.enrol(enrolmentToken, { password: PASSWORD, code: code(0) });
  await seed.dispose();

  const a = await startServer(serverEnv(cleanup, shared).env, cleanup);
  const b = await startServer(serverEnv(cleanup, shared).env, cleanup);
  const token = issued.url.split('/').at(-1)!;
  const pageOf = (server: typeof a) => `http://${server.ready.inviteLinks as string}/onboarding/invites/${token}`;
  return { a, b, pageOf, issued, database, code };
}

const holds = (server: { lines(): LogLine[] }) => server.lines().filter((l) => l.msg === HOLDS).length > 0;
const state = async (page: string) => (await (await fetch(`${page}/state`)).json()) as OnboardingPageState;

describe('two servers on one PostgreSQL database', () => {
  it('one runs the jobs; an onboarding started on one finishes on the other; kill -9 hands the jobs over', async () => {
    const fake = await startFakeOpenAI({ switches: { interval: '1' } });
    cleanup(() => fake.close());
    const { a, b, pageOf } = await twoServers(fake);
    await expect.poll(() => [holds(a), holds(b)].filter(Boolean).length, { timeout: 10_000 }).toBe(1);
    const [holder, other] = holds(a) ? [a, b] : [b, a];

    // The invitee opens the link on the server that does not run the jobs, and is answered there…
    expect(await state(pageOf(other))).toMatchObject({ view: 'ready' });
    const pending = (await (await fetch(`${pageOf(other)}/start`, { method: 'POST' })).json()) as OnboardingPageState;
    expect(pending).toMatchObject({ view: 'pending', userCode: fake.latestUserCode() });
    // …and the same page on the other server shows the same code: the session is in the database.
    expect(await state(pageOf(holder))).toMatchObject({ view: 'pending', userCode: fake.latestUserCode() });
    fake.approve(fake.latestUserCode()!, 'bob@example.com');
    // The holder polls and completes it; the page on the server that started it hears of it.
    await expect.poll(async () => (await state(pageOf(other))).view, { timeout: 10_000 }).toBe('connected');
    expect((await state(pageOf(holder))).view).toBe('connected');

    // The holder dies without a word: the other takes the jobs over within its lease.
    const died = Date.now();
    holder.child.kill('SIGKILL');
    await expect.poll(() => holds(other), { timeout: 10_000 }).toBe(true);
    expect(Date.now() - died).toBeLessThan(6_000);
  });

  it('an operator signed in on one server works on the other, and hears there what the first one changed', async () => {
    const fake = await startFakeOpenAI();
    cleanup(() => fake.close());
    const { a, b, code } = await twoServers(fake);
    const origin = (server: typeof a) => server.ready.server as string;
    const signIn = await fetch(`${origin(a)}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'olga@example.com', password: PASSWORD, code: code(1) }),
    });
    expect(signIn.status).toBe(200);
    const { session } = ((await signIn.json()) as { data: { session: string } }).data;
    const bearer = { authorization: `Bearer ${session}` };
    // No sticky sessions: B knows the session A issued.
    expect((await fetch(`${origin(b)}/api/session`, { headers: bearer })).status).toBe(200);
    const stream = await openEventStream(`${origin(b)}/events`, { headers: bearer });
    cleanup(() => stream.close());
    const created = await fetch(`${origin(a)}/rpc/pools.create`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Growth' }),
    });
    expect(created.status).toBe(200);
    const { id } = ((await created.json()) as { data: { id: string } }).data;
    await expect
      .poll(() => stream.events, { timeout: 5_000 })
      .toContainEqual({ name: 'pools.changed', payload: { poolId: id } });
    const listed = await fetch(`${origin(b)}/rpc/pools.list`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: '{}',
    });
    const pools = ((await listed.json()) as { data: { pools: { name: string }[] } }).data.pools;
    expect(pools.map((p) => p.name)).toEqual(['Growth', 'Research']);
  });

  it('kill -9 of the holder during a quota sweep: the other takes over within its lease and reads the rest', async () => {
    const fake = await startFakeOpenAI();
    cleanup(() => fake.close());
    // Slow answers, so the sweep (8 reads at a time) is still under way when its server dies.
    fake.usageLoad.delayMs = 400;
    const { a, b, database } = await twoServers(fake, 24);
    await expect.poll(() => [holds(a), holds(b)].filter(Boolean).length, { timeout: 10_000 }).toBe(1);
    const [holder, other] = holds(a) ? [a, b] : [b, a];
    await expect.poll(() => fake.usageLoad.inFlight, { timeout: 10_000 }).toBeGreaterThan(0);
    holder.child.kill('SIGKILL');
    const died = Date.now();
    await expect.poll(() => holds(other), { timeout: 10_000 }).toBe(true);
    expect(Date.now() - died).toBeLessThan(6_000);
    // Every account ends up with a reading: what the dead holder had not read, the new one reads.
    const readings = async () => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        return (await client.query<{ n: string }>('SELECT count(*) AS n FROM upstream_quota WHERE error IS NULL'))
          .rows[0]!.n;
      } finally {
        await client.end();
      }
    };
    await expect.poll(readings, { timeout: 20_000 }).toBe('24');
  });

  it('a server says it is not ready while its database is away', async () => {
    const fake = await startFakeOpenAI();
    cleanup(() => fake.close());
    const { a, database } = await twoServers(fake);
    const readyz = async () => {
      const response = await fetch(`${a.ready.server as string}/readyz`);
      return { status: response.status, body: (await response.json()) as unknown };
    };
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ready' } });
    await database.drop();
    const away = await readyz();
    expect(away).toMatchObject({ status: 503, body: { status: 'not_ready' } });
    expect((away.body as { reasons: string[] }).reasons).toContain('the database does not answer');
  });
});
