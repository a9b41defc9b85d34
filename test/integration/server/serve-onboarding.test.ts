import { afterEach, describe, expect, it } from 'vitest';
import type { OnboardingPageState } from '../../../shared/onboarding/page-state';
import { startFakeOpenAI } from '../../fakes/openai/fake-openai-server';
import { freePort } from '../../support/free-port';
import { serverEnv, startServer, stopServer } from '../../support/serve-process';
import { startTestCore } from '../../support/test-core';

const cleanups: (() => unknown)[] = [];
const cleanup = (fn: () => unknown) => void cleanups.push(fn);
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

const state = async (url: string) => (await (await fetch(`${url}/state`)).json()) as OnboardingPageState;

describe('npm run serve keeps an invitee’s onboarding across its own restart', () => {
  it('a code pending when the server stops is polled again after it starts, and the approval lands', async () => {
    const fake = await startFakeOpenAI({ switches: { interval: '1' } });
    cleanup(() => fake.close());
    const { env } = serverEnv(cleanup, {
      POOLER_OPENAI_ISSUER: fake.issuer,
      POOLER_ONBOARDING_PORT: String(await freePort()),
    });
    // The data folder as a console prepared it: an operator, a Pool, an invite.
    const prepared = await startTestCore({ dataDir: env.POOLER_DATA_DIR, env });
    await prepared.call('settings.updateOperator', { displayName: 'Ada', email: 'ada@example.com' });
    const { id: poolId } = await prepared.call('pools.create', { name: 'Research' });
    const { url } = await prepared.call('invites.create', {
      poolId,
      email: 'bob@example.com',
      expiry: '24h',
      sendEmail: false,
    });
    await prepared.dispose();

    const first = await startServer(env, cleanup);
    expect(await state(url)).toMatchObject({ view: 'ready' });
    const pending = (await (await fetch(`${url}/start`, { method: 'POST' })).json()) as OnboardingPageState;
    expect(pending).toMatchObject({ view: 'pending', userCode: fake.latestUserCode() });
    const code = fake.latestUserCode()!;

    await stopServer(first.child);
    await startServer(env, cleanup);
    expect(await state(url)).toMatchObject({ view: 'pending', userCode: code });
    fake.approve(code, 'bob@example.com');
    await expect.poll(async () => (await state(url)).view, { timeout: 10_000 }).toBe('connected');
  });
});
