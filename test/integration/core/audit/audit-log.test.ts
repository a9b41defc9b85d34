import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../../support/test-core';

let t: TestCore;
let research: string;
let growth: string;

beforeAll(async () => {
  t = await startTestCore();
  await t.call('settings.updateOperator', { displayName: 'Ada', email: 'ada@example.com' });
  research = (await t.call('pools.create', { name: 'Research' })).id;
  growth = (await t.call('pools.create', { name: 'Growth' })).id;
  // 120 renames across two Pools: enough for several pages under every filter.
  for (let i = 0; i < 60; i++) {
    await t.call('pools.rename', { id: research, name: `Research ${i}` });
    await t.call('pools.rename', { id: growth, name: `Growth ${i}` });
  }
});
afterAll(() => t.dispose());

async function everyPage(filters: { action?: 'pool.created' | 'pool.updated'; poolId?: string }, limit: number) {
  const ids: number[] = [];
  let cursor: number | undefined;
  for (;;) {
    const page = await t.call('audit.list', { ...filters, limit, ...(cursor ? { cursor } : {}) });
    ids.push(...page.entries.map((e) => e.id));
    if (page.nextCursor === null) return ids;
    expect(page.entries).toHaveLength(limit);
    cursor = page.nextCursor;
  }
}

describe('audit log', () => {
  it('pages newest first without gaps or repeats', async () => {
    const all = (await t.call('audit.list', { limit: 200 })).entries;
    expect(all).toHaveLength(123);
    expect(all[0]).toMatchObject({ action: 'pool.updated', details: { name: 'Growth 59' } });
    expect(all.at(-1)).toMatchObject({ action: 'settings.changed' });
    const ids = await everyPage({}, 25);
    expect(ids).toEqual(all.map((e) => e.id));
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
  });

  it('filters by Pool, by action, and by both', async () => {
    const research60 = await everyPage({ poolId: research }, 7);
    expect(research60).toHaveLength(61);
    const created = await everyPage({ action: 'pool.created' }, 1);
    expect(created).toHaveLength(2);
    const both = (await t.call('audit.list', { poolId: growth, action: 'pool.created' })).entries;
    expect(both).toHaveLength(1);
    expect(both[0]).toMatchObject({ poolId: growth, action: 'pool.created', details: { name: 'Growth' } });
    const updatedResearch = await everyPage({ poolId: research, action: 'pool.updated' }, 50);
    expect(updatedResearch).toHaveLength(60);
  });

  it('answers an exhausted cursor with an empty last page', async () => {
    const oldest = (await t.call('audit.list', { limit: 200 })).entries.at(-1)!;
    expect(await t.call('audit.list', { cursor: oldest.id })).toEqual({ entries: [], nextCursor: null });
  });

  it('names the operator as now called: a rename counts from the next change on', async () => {
    await t.call('pools.rename', { id: growth, name: 'Before the rename' });
    await t.call('settings.updateOperator', { displayName: 'Ada Lovelace', email: 'ada@example.com' });
    await t.call('pools.rename', { id: growth, name: 'After the rename' });
    const [after, renamed, before] = (await t.call('audit.list', { limit: 3 })).entries;
    expect(before).toMatchObject({ details: { name: 'Before the rename' }, actor: { kind: 'operator', name: 'Ada' } });
    expect(renamed).toMatchObject({ action: 'settings.changed' });
    expect(after).toMatchObject({ details: { name: 'After the rename' }, actor: { name: 'Ada Lovelace' } });
  });
});
