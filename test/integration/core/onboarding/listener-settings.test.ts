import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RENDERER_DIR } from '../../../support/onboarding-harness';
import { freePort } from '../../../support/free-port';
import { startTestCore, type TestCore } from '../../../support/test-core';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0)) await fn();
});

async function core(env: NodeJS.ProcessEnv = {}): Promise<TestCore> {
  const t = await startTestCore({ env, config: { rendererDir: RENDERER_DIR } });
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
    const t = await core();
    await t.call('settings.updateOperator', { displayName: 'Ada', email: 'ada@example.com' });
    const first = await freePort();
    await t.call('onboarding.update', { port: first, reach: { mode: 'local' } });
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
      port: second,
      reach: { mode: 'proxy', publicUrl: 'https://invites.example.com/', trustedProxy: '', listenOn: '' },
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
    const [entry] = (await t.call('audit.list', { action: 'onboarding.reach_changed' })).entries;
    expect(entry?.details).toEqual({
      from: { mode: 'local', port: first, detail: '127.0.0.1' },
      to: { mode: 'proxy', port: second, detail: 'https://invites.example.com' },
    });
  });

  it('says plainly when the port is taken, and recovers when it is changed', async () => {
    const t = await core();
    const taken = await freePort();
    await occupy(taken);
    await t.call('onboarding.update', { port: taken, reach: { mode: 'local' } });
    await t.core.onboarding.start();
    expect((await t.call('onboarding.get', {})).status).toEqual({
      state: 'failed',
      listeningOn: null,
      publicUrl: `http://127.0.0.1:${taken}`,
      message: `Port ${taken} is already in use (another Pooler Console?). Invite links cannot be opened until the onboarding port is free or changed.`,
    });
    const free = await freePort();
    const fixed = await t.call('onboarding.update', { port: free, reach: { mode: 'local' } });
    expect(fixed.status).toMatchObject({ state: 'listening', listeningOn: `127.0.0.1:${free}` });
  });

  it('lets the environment win over Settings, and says so', async () => {
    const port = await freePort();
    const t = await core({ POOLER_ONBOARDING_PORT: String(port), POOLER_PUBLIC_URL: 'https://env.example.com' });
    await t.core.onboarding.start();
    const settings = await t.call('onboarding.update', {
      port: 1,
      reach: { mode: 'proxy', publicUrl: 'https://settings.example.com', trustedProxy: '', listenOn: '' },
    });
    expect(settings).toMatchObject({
      port: { value: String(port), source: 'environment' },
      publicUrl: { value: 'https://env.example.com', source: 'environment' },
      status: { state: 'listening', listeningOn: `127.0.0.1:${port}` },
    });
  });

  it('refuses a bad public URL, address or mode, and changes nothing', async () => {
    const t = await core();
    const proxy = (publicUrl: string) => ({ mode: 'proxy', publicUrl, trustedProxy: '', listenOn: '' });
    const cases: [unknown, string][] = [
      [proxy('javascript:alert(1)'), 'reach.publicUrl'],
      [proxy('ftp://files.example.com'), 'reach.publicUrl'],
      [proxy('https://a.example/?token=1'), 'reach.publicUrl'],
      [{ ...proxy('https://a.example'), trustedProxy: 'proxy.example.com' }, 'reach.trustedProxy'],
      [{ mode: 'network', address: 'http://x' }, 'reach.address'],
      [{ mode: 'network', address: '203.0.113.77' }, 'reach.address'],
      [{ mode: 'tunnel', program: 'frp', path: '' }, 'reach.program'],
    ];
    for (const [reach, field] of cases) {
      const answer = await t.raw('onboarding.update', { port: 7420, reach });
      expect(answer, JSON.stringify(reach)).toMatchObject({
        ok: false,
        error: { code: 'validation_failed', fields: { [field]: expect.any(String) } },
      });
    }
    expect(await t.raw('onboarding.update', { port: 7420, reach: { mode: 'everywhere' } })).toMatchObject({
      error: { code: 'validation_failed' },
    });
    expect((await t.call('onboarding.get', {})).reach).toEqual({ mode: 'local' });
    expect((await t.call('audit.list', { action: 'onboarding.reach_changed' })).entries).toEqual([]);
  });

  it('reads what an earlier version stored as the mode it amounts to', async () => {
    const t = await core();
    await t.services.store.write('onboarding', { host: '127.0.0.1', port: 7421, publicUrl: 'https://old.example.com' });
    expect(await t.call('onboarding.get', {})).toMatchObject({
      reach: { mode: 'proxy', publicUrl: 'https://old.example.com', trustedProxy: '', listenOn: '' },
      port: { value: '7421' },
      publicUrl: { value: 'https://old.example.com', source: 'settings' },
      scope: 'internet',
    });
  });
});
