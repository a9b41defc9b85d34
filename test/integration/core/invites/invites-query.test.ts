import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toInviteRow } from '../../../../electron/core/invites/invite-record';
import { createInvitesQuery, INDEXED_SEARCH_MIN } from '../../../../electron/core/invites/invites-query';
import { INVITE_STATUSES, type InviteFilters, type InviteRow } from '../../../../shared/contract';
import { matchesInviteFilters } from '../../../../shared/invites/matches-filters';
import { testClock, tokenHashOf } from '../../../support/invite-fixtures';
import { startTestCore, type TestCore } from '../../../support/test-core';

const HOUR = 3600_000;
let t: TestCore;
let clock: ReturnType<typeof testClock>;
let poolIds: string[];
let everything: InviteRow[];

// A small deterministic generator, so a failure can be replayed.
function random(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

beforeAll(async () => {
  clock = testClock();
  t = await startTestCore({ now: clock.now });
  await t.call('settings.updateOperator', { displayName: 'Ada', email: 'ada@example.com' });
  poolIds = [];
  for (const name of ['Alpha', 'Beta', 'Gamma']) poolIds.push((await t.call('pools.create', { name })).id);
  const rand = random(7);
  const domains = ['example.com', 'acme.test', 'mailbox.org'];
  for (let i = 0; i < 600; i++) {
    clock.advance(Math.floor(rand() * 20 * 60_000));
    const issued = await t.call('invites.create', {
      poolId: poolIds[i % 3]!,
      email: `user${i}.${['x', 'y', 'z'][i % 3]}${i % 7 === 0 ? '_u' : ''}${i % 11 === 0 ? '%p' : ''}@${domains[i % domains.length]}`,
      expiry: (['1h', '24h', '7d', '30d'] as const)[Math.floor(rand() * 4)]!,
      sendEmail: false,
    });
    const roll = rand();
    if (roll < 0.3)
      await t.services.invites.accept(tokenHashOf(issued), { acceptedByEmail: issued.invite.email, upstreamId: 'u' });
    else if (roll < 0.45) await t.call('invites.revoke', { id: issued.invite.id });
  }
  // Half the lapsed ones stored as expired by the sweep, half still stored active: both must read as expired.
  clock.advance(12 * HOUR);
  await t.services.invites.sweepLapsed();
  clock.advance(12 * HOUR);
  everything = [];
  let cursor: number | undefined;
  do {
    const page = await t.call('invites.list', { limit: 200, ...(cursor ? { cursor } : {}) });
    everything.push(...page.invites);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
});
afterAll(() => t.dispose());

/** Walks every page of a filter set through `list`, collecting ids in order. */
async function walk(list: (cursor?: number) => Promise<{ invites: InviteRow[]; nextCursor: number | null }>) {
  const ids: string[] = [];
  let cursor: number | undefined;
  let calls = 0;
  for (;;) {
    const page = await list(cursor);
    ids.push(...page.invites.map((i) => i.id));
    calls++;
    if (page.nextCursor === null) return { ids, calls };
    expect(page.nextCursor).toBeLessThan(cursor ?? Number.MAX_SAFE_INTEGER);
    cursor = page.nextCursor;
  }
}

const FILTER_SETS: InviteFilters[] = [];
for (const poolIndex of [undefined, 0, 2]) {
  for (const status of [undefined, ...INVITE_STATUSES]) {
    // Three characters or more read the trigram index; one or two scan in windows.
    for (const search of [undefined, 'user1', '.Y@', 'example.com', '_u@', '%p@', 'nobody-here', 'Z', '%p', '"x']) {
      FILTER_SETS.push({
        ...(poolIndex === undefined ? {} : { poolId: `#${poolIndex}` }),
        ...(status ? { status } : {}),
        ...(search ? { search } : {}),
      });
    }
  }
}

describe('listing invites', () => {
  it('holds every invite, newest first, with a mix of every status', () => {
    expect(everything).toHaveLength(600);
    const seen = new Set(everything.map((i) => i.status));
    expect([...seen].sort()).toEqual([...INVITE_STATUSES].sort());
  });

  it.each(FILTER_SETS.map((f) => [JSON.stringify(f), f] as const))(
    '%s returns exactly the matching invites',
    async (_name, raw) => {
      const filters = { ...raw, ...(raw.poolId ? { poolId: poolIds[Number(raw.poolId.slice(1))]! } : {}) };
      const expected = everything.filter((row) => matchesInviteFilters(row, filters, clock.now())).map((r) => r.id);
      const viaCore = await walk(async (cursor) =>
        t.call('invites.list', { ...filters, limit: 25, ...(cursor ? { cursor } : {}) }),
      );
      expect(viaCore.ids).toEqual(expected);

      // The same through a tiny search window, so short searches cross many windows and short pages.
      const narrow = createInvitesQuery(t.services.db, 37);
      const viaWindows = await walk(async (cursor) => {
        const page = await narrow.page({ ...filters, cursor, limit: 10, now: clock.now() });
        return { invites: page.records.map((r) => toInviteRow(r, clock.now())), nextCursor: page.nextCursor };
      });
      expect(viaWindows.ids).toEqual(expected);
      const scanned = filters.search && filters.search.trim().length < INDEXED_SEARCH_MIN;
      if (scanned) expect(viaWindows.calls).toBeGreaterThanOrEqual(Math.ceil(600 / 37));
      // An indexed search pages by its matches alone: one call per page, plus none for windows.
      else expect(viaWindows.calls).toBe(Math.max(1, Math.ceil(expected.length / 10)));
    },
  );

  it('treats % and _ in a search literally', async () => {
    const percent = (await t.call('invites.list', { search: '%' })).invites;
    expect(percent.length).toBeGreaterThan(0);
    expect(percent.every((i) => i.email.includes('%'))).toBe(true);
    // As a LIKE wildcard, "_" would match the "@" in "y@acme".
    const underscore = (await t.call('invites.list', { search: 'y_acme' })).invites;
    expect(underscore).toEqual([]);
    expect((await t.call('invites.list', { search: 'y@acme' })).invites.length).toBeGreaterThan(0);
  });
});
