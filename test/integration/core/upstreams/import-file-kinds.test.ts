import { afterEach, describe, expect, it } from 'vitest';
import { readAuthJsonText } from '../../../../shared/accounts/read-auth-json';
import { authJsonFor, startUpstreamHarness, type UpstreamHarness } from '../../../support/upstream-harness';

/**
 * What the Import dialog says for each kind of file an operator may pick: the file's bytes go
 * through the same reading as the dialog, then (if they read as a login) through the core.
 */
describe('importing the files an operator may pick', () => {
  let h: UpstreamHarness;
  afterEach(() => h?.dispose());

  async function outcome(bytes: Buffer): Promise<string> {
    const reading = readAuthJsonText(bytes.toString('utf8'), bytes.length);
    if ('problem' in reading) return reading.problem;
    const result = await h.t.raw('upstreams.importAuth', { poolId: h.poolId, file: reading.file });
    return result.ok ? 'imported' : result.error.message;
  }

  const text = (value: unknown) => Buffer.from(JSON.stringify(value, null, 2));

  it.each<[string, (valid: Buffer) => Buffer, string]>([
    [
      'an API-key login (codex login --api-key)',
      () => text({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-proj-abcdef' }),
      'This auth.json is for "apikey" sign-in; only ChatGPT logins can join a Pool.',
    ],
    [
      'an API key with no mode',
      () => text({ OPENAI_API_KEY: 'sk-proj-abcdef' }),
      'This auth.json holds an API key; only ChatGPT logins can join a Pool.',
    ],
    [
      'another app’s JSON',
      () => text({ name: 'my-app', version: '1.0.0', dependencies: {} }),
      'This file is not a Codex auth.json: it holds no ChatGPT sign-in.',
    ],
    ['a JSON array', () => text([1, 2, 3]), 'This file is not a Codex auth.json: it is not a JSON object.'],
    ['an empty file', () => Buffer.alloc(0), 'That file is empty. Choose the auth.json from ~/.codex.'],
    ['a file of blank lines', () => Buffer.from('\n\n  \n'), 'That file is empty. Choose the auth.json from ~/.codex.'],
    ['a 5 MB file', () => Buffer.alloc(5 * 1024 * 1024, 'a'), 'That file is too large to be a Codex auth.json.'],
    [
      'text that is not JSON',
      () => Buffer.from('OPENAI_API_KEY=sk-1'),
      'That file is not JSON. Choose the auth.json from ~/.codex.',
    ],
    [
      'a Codex auth.json saved with a BOM',
      (valid) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), valid]),
      'imported',
    ],
  ])('%s', async (_kind, make, expected) => {
    h = await startUpstreamHarness();
    const valid = text(authJsonFor(h.fake.mintTokens('ada@example.com')));
    expect(await outcome(make(valid))).toBe(expected);
    expect((await h.t.call('upstreams.list', {})).upstreams).toHaveLength(expected === 'imported' ? 1 : 0);
  });

  it('a Codex auth.json whose access token has expired names that, and adds nothing', async () => {
    h = await startUpstreamHarness({ switches: { accessTokenLifetimeSeconds: -60 } });
    expect(await outcome(text(authJsonFor(h.fake.mintTokens('ada@example.com'))))).toBe(
      'The access token in this file has expired. Sign in with Codex again, then export a fresh auth.json.',
    );
    expect((await h.t.call('upstreams.list', {})).upstreams).toEqual([]);
  });

  it('one for an account already in the console updates that account instead of adding a second', async () => {
    h = await startUpstreamHarness();
    const tokens = h.fake.mintTokens('ada@example.com');
    expect(await outcome(text(authJsonFor(tokens)))).toBe('imported');
    const fresh = h.fake.mintTokens('ada@example.com');
    expect(await outcome(text(authJsonFor({ ...fresh, accountId: tokens.accountId })))).toBe('imported');
    const { upstreams } = await h.t.call('upstreams.list', {});
    expect(upstreams).toHaveLength(1);
    const entries = (await h.t.call('audit.list', { action: 'upstream.imported' })).entries;
    expect(entries.map((e) => e.action === 'upstream.imported' && e.details.created)).toEqual([false, true]);
  });
});
