import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { pickAuthJsonFields, type AuthJsonFile } from '../../../../shared/contract';
import { authJsonFor, startUpstreamHarness, type UpstreamHarness } from '../../../support/upstream-harness';
import { allFiles } from '../../../support/data-files';

describe('upstream accounts: import, export, remove, relink', () => {
  let h: UpstreamHarness;
  afterEach(() => h?.dispose());

  it('imports an auth.json into a Pool, audited, with its tokens sealed', async () => {
    h = await startUpstreamHarness();
    const tokens = h.fake.mintTokens('ada@example.com');
    const row = await h.t.call('upstreams.importAuth', { poolId: h.poolId, file: authJsonFor(tokens) });
    expect(row).toMatchObject({
      email: 'ada@example.com',
      planType: 'plus',
      credentialState: 'ready',
      accountId: tokens.accountId,
    });
    expect(row.pools.map((p) => p.name)).toEqual(['Research']);
    const [entry] = (await h.t.call('audit.list', { action: 'upstream.imported' })).entries;
    expect(entry).toMatchObject({ poolId: h.poolId, details: { email: 'ada@example.com', poolName: 'Research' } });
    const bytes = Buffer.concat(allFiles(h.t.dataDir).map((f) => readFileSync(f))).toString('latin1');
    for (const secret of [tokens.accessToken, tokens.refreshToken, tokens.idToken]) expect(bytes).not.toContain(secret);
  });

  it.each<[string, (file: AuthJsonFile) => AuthJsonFile, string]>([
    ['an API-key login', (f) => ({ ...f, OPENAI_API_KEY: 'sk-proj-abc' }), 'file.OPENAI_API_KEY'],
    ['another auth mode', (f) => ({ ...f, auth_mode: 'apikey' }), 'file.auth_mode'],
    [
      'an account_id of another account',
      (f) => ({ ...f, tokens: { ...f.tokens, account_id: 'someone-else' } }),
      'file.tokens.account_id',
    ],
    [
      'an id_token that is not a JWT of claims',
      (f) => ({ ...f, tokens: { ...f.tokens, id_token: 'abc.def.sig' } }),
      'file.tokens.id_token',
    ],
  ])('refuses %s and changes nothing', async (_what, spoil, field) => {
    h = await startUpstreamHarness();
    const result = await h.t.raw('upstreams.importAuth', {
      poolId: h.poolId,
      file: spoil(authJsonFor(h.fake.mintTokens('ada@example.com'))),
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('validation_failed');
      expect(Object.keys(result.error.fields ?? {})).toContain(field);
    }
    expect((await h.t.call('upstreams.list', {})).upstreams).toHaveLength(0);
  });

  it('refuses a file whose access token has expired', async () => {
    h = await startUpstreamHarness({ switches: { accessTokenLifetimeSeconds: -60 } });
    const result = await h.t.raw('upstreams.importAuth', {
      poolId: h.poolId,
      file: authJsonFor(h.fake.mintTokens('ada@example.com')),
    });
    expect(result.ok ? null : result.error.fields).toHaveProperty(['file.tokens.access_token']);
  });

  it('exports the Codex CLI format, which parses back and imports again', async () => {
    h = await startUpstreamHarness();
    const tokens = h.fake.mintTokens('ada@example.com');
    const row = await h.t.call('upstreams.importAuth', { poolId: h.poolId, file: authJsonFor(tokens) });
    expect(await h.t.call('upstreams.exportAuth', { id: row.id, handOver: false })).toEqual({
      kind: 'saved',
      fileName: 'auth.json',
      count: 1,
    });
    const { text } = h.t.downloads.at(-1)!;
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['auth_mode', 'OPENAI_API_KEY', 'tokens', 'last_refresh']);
    expect(parsed).toMatchObject({
      auth_mode: 'chatgpt',
      OPENAI_API_KEY: null,
      tokens: {
        id_token: tokens.idToken,
        access_token: tokens.accessToken,
        refresh_token: tokens.refreshToken,
        account_id: tokens.accountId,
      },
    });
    expect(new Date(parsed.last_refresh as string).toISOString()).toBe(parsed.last_refresh);
    const again = await h.t.call('upstreams.importAuth', {
      poolId: h.poolId,
      file: pickAuthJsonFields(parsed) as AuthJsonFile,
    });
    expect(again.id).toBe(row.id);
    expect((await h.t.call('audit.list', { action: 'upstream.exported' })).entries).toHaveLength(1);
  });

  it('an account that needs a relink cannot be exported', async () => {
    h = await startUpstreamHarness();
    const row = await h.account('ada@example.com');
    h.fake.invalidateRefreshTokens('ada@example.com');
    await h.t.call('upstreams.refresh', { id: row.id });
    expect(await h.t.raw('upstreams.exportAuth', { id: row.id, handOver: false })).toMatchObject({
      ok: false,
      error: { code: 'not_active', message: expect.stringMatching(/relinked/) },
    });
    expect(h.t.downloads).toHaveLength(0);
  });

  it('removes from one Pool; from the last, deletes the account and its tokens only when asked', async () => {
    h = await startUpstreamHarness();
    const growth = (await h.t.call('pools.create', { name: 'Growth' })).id;
    const tokens = h.fake.mintTokens('ada@example.com');
    const row = await h.t.call('upstreams.importAuth', { poolId: h.poolId, file: authJsonFor(tokens) });
    await h.t.call('upstreams.importAuth', { poolId: growth, file: authJsonFor(h.fake.mintTokens('ada@example.com')) });
    expect((await h.row(row.id)).pools.map((p) => p.name)).toEqual(['Growth', 'Research']);

    expect(await h.t.call('upstreams.removeFromPool', { id: row.id, poolId: growth, deleteAccount: true })).toEqual({
      deleted: false,
    });
    expect((await h.t.call('upstreams.list', { poolId: growth })).upstreams).toHaveLength(0);
    expect(await h.t.call('upstreams.removeFromPool', { id: row.id, poolId: h.poolId, deleteAccount: false })).toEqual({
      deleted: false,
    });
    expect((await h.row(row.id)).pools).toEqual([]);

    await h.t.call('upstreams.importAuth', {
      poolId: h.poolId,
      file: authJsonFor(h.fake.mintTokens('ada@example.com')),
    });
    expect(await h.t.call('upstreams.removeFromPool', { id: row.id, poolId: h.poolId, deleteAccount: true })).toEqual({
      deleted: true,
    });
    expect((await h.t.call('upstreams.list', {})).upstreams).toHaveLength(0);
    expect((await h.t.call('audit.list', { action: 'upstream.deleted' })).entries).toHaveLength(1);
    const removed = await h.t.raw('upstreams.removeFromPool', { id: row.id, poolId: h.poolId, deleteAccount: true });
    expect(removed.ok ? null : removed.error.code).toBe('not_found');
  });

  it('filters by Pool and by state', async () => {
    h = await startUpstreamHarness();
    const growth = (await h.t.call('pools.create', { name: 'Growth' })).id;
    const ada = await h.account('ada@example.com');
    await h.t.call('upstreams.importAuth', { poolId: growth, file: authJsonFor(h.fake.mintTokens('bob@example.com')) });
    h.fake.invalidateRefreshTokens('ada@example.com');
    await h.t.call('upstreams.refresh', { id: ada.id });
    expect((await h.t.call('upstreams.list', { poolId: growth })).upstreams.map((u) => u.email)).toEqual([
      'bob@example.com',
    ]);
    expect((await h.t.call('upstreams.list', { state: 'reauth_required' })).upstreams.map((u) => u.email)).toEqual([
      'ada@example.com',
    ]);
    expect((await h.t.call('upstreams.list', { state: 'ready' })).upstreams.map((u) => u.email)).toEqual([
      'bob@example.com',
    ]);
  });

  describe('relink', () => {
    const until = async (check: () => Promise<boolean>) => {
      for (let i = 0; i < 100; i++) {
        if (await check()) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('timed out');
    };

    it('a device-code login for the same account replaces dead tokens and makes it ready', async () => {
      h = await startUpstreamHarness();
      const row = await h.account('ada@example.com');
      h.fake.invalidateRefreshTokens('ada@example.com');
      expect((await h.t.call('upstreams.refresh', { id: row.id })).credentialState).toBe('reauth_required');
      const started = await h.t.call('upstreams.relinkStart', { id: row.id });
      expect(started).toMatchObject({ state: 'pending', verificationUrl: `${h.fake.issuer}/codex/device` });
      expect((await h.row(row.id)).busy).toBe(true);
      expect(h.fake.approve(started.userCode!, 'ada@example.com')).toBe('approved');
      await until(async () => (await h.row(row.id)).credentialState === 'ready');
      expect((await h.row(row.id)).busy).toBe(false);
      expect((await h.t.call('upstreams.refresh', { id: row.id })).credentialState).toBe('ready');
      expect((await h.t.call('audit.list', { action: 'upstream.relinked' })).entries).toHaveLength(1);
    });

    it('another account approving changes nothing and says who approved', async () => {
      h = await startUpstreamHarness();
      const row = await h.account('ada@example.com');
      h.fake.invalidateRefreshTokens('ada@example.com');
      await h.t.call('upstreams.refresh', { id: row.id });
      const events: { state: string; failure: string | null; approvedEmail: string | null }[] = [];
      h.t.core.subscribe((e) => {
        if (e.name === 'upstreams.relink') events.push(e.payload);
      });
      const started = await h.t.call('upstreams.relinkStart', { id: row.id });
      h.fake.approve(started.userCode!, 'mallory@example.com');
      await until(async () => events.some((e) => e.state === 'failed'));
      expect(events.at(-1)).toMatchObject({
        state: 'failed',
        failure: 'account_mismatch',
        approvedEmail: 'mallory@example.com',
        userCode: null,
      });
      expect((await h.row(row.id)).credentialState).toBe('reauth_required');
    });
  });
});
