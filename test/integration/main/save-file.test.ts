import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { deliverWithSaveDialog } from '../../../electron/main/save-file';
import { makeTempDir } from '../../support/temp-dir';
import { startUpstreamHarness, type UpstreamHarness } from '../../support/upstream-harness';

describe('auth.json export in the desktop app', () => {
  let h: UpstreamHarness;
  const out = makeTempDir('pooler-auth-export');
  afterEach(() => h?.dispose());
  afterAll(() => out.remove());

  /** The real save-file code, with the dialog answering as an operator would. */
  const dialogAnswering = (filePath: string | null) =>
    deliverWithSaveDialog(
      { showSaveDialog: () => Promise.resolve({ canceled: filePath === null, filePath: filePath ?? '' }) } as never,
      out.path,
      () => null,
    );

  it('writes the Codex format, owner-only, where the operator chose; audited', async () => {
    const target = join(out.path, 'bob-auth.json');
    h = await startUpstreamHarness({ deliver: dialogAnswering(target) });
    const row = await h.account('bob@example.com');
    expect(await h.t.call('upstreams.exportAuth', { id: row.id, handOver: false })).toEqual({
      kind: 'saved',
      fileName: 'bob-auth.json',
      count: 1,
    });
    expect(JSON.parse(readFileSync(target, 'utf8'))).toMatchObject({
      auth_mode: 'chatgpt',
      tokens: { refresh_token: h.fake.issuedTokens.at(-1)!.refreshToken },
    });
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect((await h.t.call('audit.list', { action: 'upstream.exported' })).entries).toHaveLength(1);
  });

  it('a cancelled dialog writes nothing and audits nothing', async () => {
    h = await startUpstreamHarness({ deliver: dialogAnswering(null) });
    const row = await h.account('bob@example.com');
    expect(await h.t.call('upstreams.exportAuth', { id: row.id, handOver: false })).toEqual({ kind: 'cancelled' });
    expect(existsSync(join(out.path, 'auth.json'))).toBe(false);
    expect((await h.t.call('audit.list', { action: 'upstream.exported' })).entries).toHaveLength(0);
  });
});
