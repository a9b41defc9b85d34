import { afterEach, describe, expect, it } from 'vitest';
import { refreshTokens } from '../../../../electron/core/openai/token-refresh-client';
import { authJsonFor, startUpstreamHarness, type UpstreamHarness } from '../../../support/upstream-harness';

let h: UpstreamHarness;
afterEach(() => h?.dispose());

const refreshRequests = () => h.fake.requests.filter((r) => r.path === '/oauth/token').length;

/** Exports the account's auth.json and returns its refresh token, as the other machine gets it. */
async function exportFile(id: string, handOver: boolean): Promise<string> {
  await h.t.call('upstreams.exportAuth', { id, handOver });
  const file = JSON.parse(h.t.downloads.at(-1)!.text) as { tokens: { refresh_token: string } };
  return file.tokens.refresh_token;
}

const lineage = (id: string) =>
  h.t.query<{ event: string; inviteId: string | null; actor: string }>(
    'SELECT event, invite_id AS "inviteId", actor FROM upstream_lineage WHERE upstream_id = ? ORDER BY seq',
    id,
  );

describe('the refresh-token hand-off ledger', () => {
  it('hand over: the console stops refreshing the account and marks it handed_off, until a relink', async () => {
    h = await startUpstreamHarness();
    const row = await h.account('ada@example.com');
    await exportFile(row.id, true);
    const handed = await h.row(row.id);
    expect(handed).toMatchObject({ credentialState: 'handed_off', needsRelink: true });
    expect(handed.handedOffAt).toBeTypeOf('number');
    expect(handed.lastExportAt).toBe(handed.handedOffAt);

    const before = refreshRequests();
    expect(await h.t.raw('upstreams.refresh', { id: row.id })).toMatchObject({
      ok: false,
      error: { code: 'not_active', message: expect.stringMatching(/handed over/) },
    });
    // The background job leaves it alone too, even once its token would be due.
    await h.t.query('UPDATE upstreams SET access_token_expires_at = 0 WHERE id = ?', row.id);
    await h.t.services.upstreams.jobs.sweep();
    expect(refreshRequests()).toBe(before);
    expect(await h.t.raw('upstreams.exportAuth', { id: row.id, handOver: false })).toMatchObject({
      ok: false,
      error: { code: 'not_active' },
    });

    const handedOff = (await h.t.call('audit.list', { action: 'upstream.handed_off' })).entries;
    expect(handedOff.map((e) => e.details)).toEqual([{ email: 'ada@example.com' }]);
    expect((await h.t.call('audit.list', { action: 'upstream.exported' })).entries[0]?.details).toEqual({
      email: 'ada@example.com',
      handedOver: true,
    });

    // Relinked: the console owns it again.
    const relink = await h.t.call('upstreams.relinkStart', { id: row.id });
    h.fake.approve(relink.userCode!, 'ada@example.com');
    for (let i = 0; i < 100 && (await h.row(row.id)).credentialState !== 'ready'; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await h.row(row.id)).toMatchObject({ credentialState: 'ready', handedOffAt: null, lastExportAt: null });
    expect(await lineage(row.id)).toEqual([
      { event: 'import', inviteId: null, actor: 'Ada Lovelace' },
      { event: 'export_handoff', inviteId: null, actor: 'Ada Lovelace' },
      { event: 'relink', inviteId: null, actor: 'Ada Lovelace' },
    ]);
  });

  it('copy: the console keeps refreshing; when the copy refreshes first, the failure names the export', async () => {
    h = await startUpstreamHarness();
    const row = await h.account('ada@example.com');
    const exported = await exportFile(row.id, false);
    expect(await h.row(row.id)).toMatchObject({ credentialState: 'ready', handedOffAt: null });

    // Codex CLI on the other machine refreshes with the exported token (reference §3.1)…
    expect((await refreshTokens(h.fake.issuer, exported)).kind).toBe('refreshed');
    // …so the console's next refresh presents a spent token.
    const after = await h.t.call('upstreams.refresh', { id: row.id });
    expect(after).toMatchObject({
      credentialState: 'reauth_required',
      credentialReason: 'refresh_token_reused',
      needsRelink: true,
    });
    const exports = (await h.t.call('audit.list', { action: 'upstream.exported' })).entries;
    expect(after.lastExportAt).toBe(exports[0]!.occurredAt);
    expect(exports[0]!.details).toEqual({ email: 'ada@example.com', handedOver: false });
    expect((await lineage(row.id)).map((l) => l.event)).toEqual(['import', 'export_copy']);
  });

  it('a reused token with no export behind it carries no export date', async () => {
    h = await startUpstreamHarness();
    const tokens = h.fake.mintTokens('ada@example.com');
    const row = await h.account('ada@example.com');
    await h.t.call('upstreams.exportAuth', { id: row.id, handOver: false });
    // Imported again (a fresh sign-in): the export was of the old tokens.
    await h.t.call('upstreams.importAuth', { poolId: h.poolId, file: authJsonFor(tokens) });
    expect((await refreshTokens(h.fake.issuer, tokens.refreshToken)).kind).toBe('refreshed');
    const after = await h.t.call('upstreams.refresh', { id: row.id });
    expect(after).toMatchObject({ credentialReason: 'refresh_token_reused', lastExportAt: null });
  });
});
