import { userInfo } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../../support/test-core';

let t: TestCore;
afterEach(() => t.dispose());

describe('settings', () => {
  it('asks for the operator on first run, suggesting the OS user name', async () => {
    t = await startTestCore();
    const settings = await t.call('settings.get', {});
    expect(settings.operator).toBeNull();
    expect(settings.suggestedDisplayName).toBe(userInfo().username);
    expect(settings.theme).toBe('system');
  });

  it('saves the operator profile normalised and audits what changed', async () => {
    t = await startTestCore();
    await t.call('settings.updateOperator', { displayName: ' Ada ', email: ' Ada@Example.COM ' });
    await t.call('settings.updateOperator', { displayName: 'Ada Lovelace', email: 'ada@example.com' });
    expect((await t.call('settings.get', {})).operator).toEqual({
      displayName: 'Ada Lovelace',
      email: 'ada@example.com',
    });
    const { entries } = await t.call('audit.list', { action: 'settings.changed' });
    expect(entries.map((e) => [e.actor.name, e.details])).toEqual([
      ['Ada Lovelace', { section: 'operator', changes: { displayName: { from: 'Ada', to: 'Ada Lovelace' } } }],
      [
        'Ada',
        {
          section: 'operator',
          changes: { displayName: { from: null, to: 'Ada' }, email: { from: null, to: 'ada@example.com' } },
        },
      ],
    ]);
  });

  it('attributes Pools to the operator by name', async () => {
    t = await startTestCore();
    await t.call('settings.updateOperator', { displayName: 'Grace', email: 'grace@example.com' });
    await t.call('pools.create', { name: 'Research' });
    const [created] = (await t.call('audit.list', { action: 'pool.created' })).entries;
    expect(created?.actor).toEqual({ kind: 'operator', name: 'Grace' });
  });

  it('keeps the theme without auditing a personal view preference', async () => {
    t = await startTestCore();
    expect((await t.call('settings.updateAppearance', { theme: 'dark' })).theme).toBe('dark');
    expect((await t.call('audit.list', {})).entries).toEqual([]);
  });

  it('reports each runtime setting and whether the environment set it', async () => {
    t = await startTestCore({ env: { POOLER_OPENAI_ISSUER: 'http://127.0.0.1:9999' } });
    const { runtime } = await t.call('settings.get', {});
    expect(runtime.map((r) => r.env)).toEqual([
      'POOLER_DATA_DIR',
      'POOLER_OPENAI_ISSUER',
      'POOLER_CHATGPT_BASE_URL',
      'POOLER_ONBOARDING_HOST',
      'POOLER_ONBOARDING_PORT',
      'POOLER_PUBLIC_URL',
      'POOLER_KEYCHAIN_SERVICE',
      'POOLER_DATA_KEY_FILE',
      'POOLER_DATABASE_URL',
    ]);
    expect(runtime.find((r) => r.env === 'POOLER_OPENAI_ISSUER')).toMatchObject({
      value: 'http://127.0.0.1:9999',
      source: 'environment',
    });
    expect(runtime.find((r) => r.env === 'POOLER_DATA_DIR')).toMatchObject({ value: t.dataDir, source: 'default' });
  });
});
