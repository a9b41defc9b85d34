import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RENDERER_DIR } from '../../../support/onboarding-harness';
import { freePort } from '../../../support/free-port';
import { startTestCore, type TestCore } from '../../../support/test-core';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0)) await fn();
});

function core(env: NodeJS.ProcessEnv = {}): TestCore {
  const t = startTestCore({ env, config: { rendererDir: RENDERER_DIR } });
  cleanups.push(() => t.dispose());
  return t;
}

async function occupy(port: number) {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => blocker.close(resolve)));
}

describe('the onboarding listener settings', () => {
  it('come from Settings, restart the listener when changed, and are audited', async () => {
    const t = core();
    await t.call('settings.updateOperator', { displayName: 'Ada', email: 'ada@example.com' });
    const first = await freePort();
    await t.call('onboarding.update', { host: '127.0.0.1', port: first, publicUrl: '' });
    await t.core.onboarding.start();
    const before = await t.call('onboarding.get', {});
    expect(before).toMatchObject({
      host: { value: '127.0.0.1', source: 'settings' },
      port: { value: String(first), source: 'settings' },
      publicUrl: { value: `http://127.0.0.1:${first}`, source: 'default' },
      status: {
        state: 'listening',
        listeningOn: `127.0.0.1:${first}`,
        publicUrl: `http://127.0.0.1:${first}`,
        message: null,
      },
    });
    expect((await fetch(`http://127.0.0.1:${first}/nowhere`)).status).toBe(404);

    const second = await freePort();
    const after = await t.call('onboarding.update', {
      host: '127.0.0.1',
      port: second,
      publicUrl: 'https://invites.example.com/',
    });
    expect(after.status).toMatchObject({
      state: 'listening',
      listeningOn: `127.0.0.1:${second}`,
      publicUrl: 'https://invites.example.com',
    });
    await expect(fetch(`http://127.0.0.1:${first}/nowhere`)).rejects.toThrow();
    expect((await fetch(`http://127.0.0.1:${second}/nowhere`)).status).toBe(404);

    const pool = await t.call('pools.create', { name: 'Research' });
    const issued = await t.call('invites.create', {
      poolId: pool.id,
      email: 'bob@example.com',
      expiry: '1h',
      sendEmail: false,
    });
    expect(issued.url).toMatch(/^https:\/\/invites\.example\.com\/onboarding\/invites\//);
    const runtime = (await t.call('settings.get', {})).runtime.find((r) => r.env === 'POOLER_PUBLIC_URL');
    expect(runtime).toMatchObject({ value: 'https://invites.example.com', source: 'settings' });
    const [entry] = (await t.call('audit.list', { action: 'settings.changed' })).entries;
    expect(entry?.details).toMatchObject({ section: 'onboarding', changes: { to: { port: second } } });
  });

  it('says plainly when the port is taken, and recovers when it is changed', async () => {
    const t = core();
    const taken = await freePort();
    await occupy(taken);
    await t.call('onboarding.update', { host: '127.0.0.1', port: taken, publicUrl: '' });
    await t.core.onboarding.start();
    expect((await t.call('onboarding.get', {})).status).toEqual({
      state: 'failed',
      listeningOn: null,
      publicUrl: `http://127.0.0.1:${taken}`,
      message: `Port ${taken} is already in use (another Pooler Console?). Invite links cannot be opened until the onboarding port is free or changed.`,
    });
    const free = await freePort();
    const fixed = await t.call('onboarding.update', { host: '127.0.0.1', port: free, publicUrl: '' });
    expect(fixed.status).toMatchObject({ state: 'listening', listeningOn: `127.0.0.1:${free}` });
  });

  it('lets the environment win over Settings, and says so', async () => {
    const port = await freePort();
    const t = core({ POOLER_ONBOARDING_PORT: String(port), POOLER_PUBLIC_URL: 'https://env.example.com' });
    await t.core.onboarding.start();
    const settings = await t.call('onboarding.update', {
      host: '127.0.0.1',
      port: 1,
      publicUrl: 'https://settings.example.com',
    });
    expect(settings).toMatchObject({
      port: { value: String(port), source: 'environment' },
      publicUrl: { value: 'https://env.example.com', source: 'environment' },
      status: { state: 'listening', listeningOn: `127.0.0.1:${port}` },
    });
  });

  it('refuses a bad public URL or host', async () => {
    const t = core();
    expect(
      await t.raw('onboarding.update', { host: '127.0.0.1', port: 7420, publicUrl: 'javascript:alert(1)' }),
    ).toMatchObject({
      error: { code: 'validation_failed', fields: { publicUrl: expect.any(String) } },
    });
    expect(await t.raw('onboarding.update', { host: 'http://x', port: 7420, publicUrl: '' })).toMatchObject({
      error: { fields: { host: expect.any(String) } },
    });
    expect(
      await t.raw('onboarding.update', { host: '127.0.0.1', port: 7420, publicUrl: 'https://a.example/?token=1' }),
    ).toMatchObject({
      error: { fields: { publicUrl: expect.any(String) } },
    });
  });
});
