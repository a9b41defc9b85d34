import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedInvite } from '../../../../shared/contract';
import { seedOperatorAndPools, tokenHashOf, tokenOf } from '../../../support/invite-fixtures';
import { startTestCore, type TestCore } from '../../../support/test-core';

let t: TestCore;
let pools: { research: string; growth: string };
const issued: IssuedInvite[] = [];

async function exportText(format: 'csv' | 'json', filters = {}): Promise<{ text: string; count: number }> {
  await t.call('invites.export', { format, filters });
  const saved = t.downloads.at(-1)!;
  return { text: saved.text, count: saved.count };
}

beforeAll(async () => {
  t = await startTestCore();
  pools = await seedOperatorAndPools(t);
  // More than one export batch (500), across two Pools, with hostile-looking but valid emails.
  for (let i = 0; i < 1203; i++) {
    const email =
      i === 0
        ? '=cmd|calc@example.com'
        : i === 1
          ? '+sum@example.com'
          : i === 2
            ? '-x@example.com'
            : `user${i}@example.com`;
    issued.push(
      await t.call('invites.create', {
        poolId: i % 2 ? pools.growth : pools.research,
        email,
        expiry: '24h',
        sendEmail: false,
      }),
    );
  }
  await t.services.invites.accept(tokenHashOf(issued[5]!), { acceptedByEmail: 'user5@example.com', upstreamId: 'u-5' });
  await t.call('invites.revoke', { id: issued[6]!.invite.id });
});
afterAll(() => t.dispose());

describe('exporting invites', () => {
  it('writes JSON as an OpenAI-style list of retrieve objects, newest first', async () => {
    const { text, count } = await exportText('json');
    const list = JSON.parse(text) as {
      object: string;
      data: { id: string; object: string }[];
      first_id: string;
      last_id: string;
      has_more: boolean;
    };
    expect(count).toBe(1203);
    expect(list.object).toBe('list');
    expect(list.data).toHaveLength(1203);
    expect(list.data[0]).toEqual(await t.call('invites.retrieve', { id: issued.at(-1)!.invite.id }));
    expect(list.first_id).toBe(issued.at(-1)!.invite.id);
    expect(list.last_id).toBe(issued[0]!.invite.id);
    expect(list.has_more).toBe(false);
    expect(new Set(list.data.map((d) => d.object))).toEqual(new Set(['pool.invite']));
  });

  it('writes CSV with a header and one row per invite, honouring the filters', async () => {
    const { text, count } = await exportText('csv', { poolId: pools.research, status: 'active' });
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(count).toBe(rows.length);
    expect(rows).toHaveLength(602 - 1); // Research holds the even-numbered 602; #6 was revoked.
    expect(Object.keys(rows[0]!)).toEqual([
      'id',
      'created_at',
      'status',
      'pool_id',
      'pool_name',
      'email',
      'invited_by',
      'expires_at',
      'accepted_at',
      'accepted_by_email',
      'revoked_at',
      'email_sent_at',
      'email_error',
      'upstream_id',
      'kind',
    ]);
    expect(rows.every((r) => r.pool_name === 'Research' && r.status === 'active')).toBe(true);
    expect(rows[0]!.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
  });

  it('defuses cells a spreadsheet would run as formulas', async () => {
    const rows = parse((await exportText('csv', { search: 'example.com' })).text, { columns: true }) as Record<
      string,
      string
    >[];
    const emails = rows.map((r) => r.email);
    expect(emails).toContain("'=cmd|calc@example.com");
    expect(emails).toContain("'+sum@example.com");
    expect(emails).toContain("'-x@example.com");
    expect(emails).toContain('user7@example.com');
  });

  it('never contains a token, a hash or a URL', async () => {
    for (const format of ['csv', 'json'] as const) {
      const { text } = await exportText(format);
      expect(text).not.toContain('/onboarding/invites/');
      for (const invite of issued.slice(0, 50)) {
        expect(text).not.toContain(tokenOf(invite));
        expect(text).not.toContain(tokenHashOf(invite).toString('hex'));
      }
    }
  });

  it('writes an empty but well-formed file when nothing matches', async () => {
    expect(JSON.parse((await exportText('json', { search: 'nobody' })).text)).toEqual({
      object: 'list',
      data: [],
      first_id: null,
      last_id: null,
      has_more: false,
    });
    expect(parse((await exportText('csv', { search: 'nobody' })).text)).toEqual([
      expect.arrayContaining(['id', 'email']),
    ]);
  });

  it('is refused over the contract where the shell has no way to save a file', async () => {
    expect(await t.core.dispatch('invites.export', { format: 'csv', filters: {} })).toMatchObject({
      ok: false,
      error: { code: 'not_supported' },
    });
  });
});
