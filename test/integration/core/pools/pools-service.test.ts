import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PoolerEvent } from '../../../../shared/contract';
import { startTestCore, type TestCore } from '../../../support/test-core';

let t: TestCore;
let events: PoolerEvent[];
beforeEach(async () => {
  t = await startTestCore();
  await t.call('settings.updateOperator', { displayName: 'Ada', email: 'ada@example.com' });
  events = [];
  t.core.subscribe((e) => events.push(e));
});
afterEach(() => t.dispose());

async function auditCount() {
  return (await t.call('audit.list', { limit: 200 })).entries.length;
}

describe('Pools', () => {
  it('creates, renames, disables and archives a Pool, auditing each change', async () => {
    const pool = await t.call('pools.create', { name: '  Research  ' });
    expect(pool).toMatchObject({ name: 'Research', slug: 'research', status: 'active' });
    expect(pool.id).toMatch(/^pool-[0-9a-f]{24}$/);

    const renamed = await t.call('pools.rename', { id: pool.id, name: 'Research Lab' });
    expect(renamed).toMatchObject({ name: 'Research Lab', slug: 'research' });
    await t.call('pools.setStatus', { id: pool.id, status: 'disabled' });
    await t.call('pools.setStatus', { id: pool.id, status: 'active' });
    const archived = await t.call('pools.setStatus', { id: pool.id, status: 'archived' });
    expect(archived.status).toBe('archived');

    const { entries } = await t.call('audit.list', { poolId: pool.id });
    expect(
      entries.map((e) => [
        e.action,
        'changes' in e.details ? e.details.changes : 'name' in e.details && e.details.name,
      ]),
    ).toEqual([
      ['pool.updated', { status: { from: 'active', to: 'archived' } }],
      ['pool.updated', { status: { from: 'disabled', to: 'active' } }],
      ['pool.updated', { status: { from: 'active', to: 'disabled' } }],
      ['pool.updated', { name: { from: 'Research', to: 'Research Lab' } }],
      ['pool.created', 'Research'],
    ]);
    expect(entries.every((e) => e.actor.name === 'Ada' && e.actor.kind === 'operator' && e.targetId === pool.id)).toBe(
      true,
    );
  });

  it('keeps names unique regardless of case and spacing, archived Pools included', async () => {
    const research = await t.call('pools.create', { name: 'Research Lab' });
    const before = await auditCount();
    for (const name of ['research lab', 'RESEARCH   LAB', 'Ｒesearch Lab']) {
      const result = await t.raw('pools.create', { name });
      expect(result, name).toMatchObject({
        ok: false,
        error: { code: 'pool_name_taken', fields: { name: expect.stringContaining('Research Lab') } },
      });
    }
    await t.call('pools.setStatus', { id: research.id, status: 'archived' });
    expect(await t.raw('pools.create', { name: 'research lab' })).toMatchObject({
      error: { code: 'pool_name_taken', message: expect.stringContaining('(archived)') },
    });
    const other = await t.call('pools.create', { name: 'Growth' });
    expect(await t.raw('pools.rename', { id: other.id, name: 'RESEARCH LAB' })).toMatchObject({
      error: { code: 'pool_name_taken' },
    });
    expect((await t.call('pools.list', {})).pools.map((p) => p.name)).toEqual(['Growth', 'Research Lab']);
    expect(await auditCount()).toBe(before + 2);
  });

  it('lets a Pool be renamed to a different case of its own name', async () => {
    const pool = await t.call('pools.create', { name: 'research' });
    expect(await t.call('pools.rename', { id: pool.id, name: 'Research' })).toMatchObject({ name: 'Research' });
  });

  it('gives every Pool its own slug', async () => {
    const a = await t.call('pools.create', { name: 'Team A!' });
    const b = await t.call('pools.create', { name: 'Team-A' });
    const c = await t.call('pools.create', { name: '研究' });
    const d = await t.call('pools.create', { name: '開発' });
    expect([a.slug, b.slug, c.slug, d.slug]).toEqual(['team-a', 'team-a-2', 'pool', 'pool-2']);
  });

  it('refuses changes to an archived Pool and to an unknown one, changing nothing', async () => {
    const pool = await t.call('pools.create', { name: 'Research' });
    await t.call('pools.setStatus', { id: pool.id, status: 'archived' });
    const before = await auditCount();
    expect(await t.raw('pools.rename', { id: pool.id, name: 'Again' })).toMatchObject({
      error: { code: 'pool_archived' },
    });
    expect(await t.raw('pools.setStatus', { id: pool.id, status: 'active' })).toMatchObject({
      error: { code: 'pool_archived' },
    });
    const unknown = 'pool-000000000000000000000000';
    expect(await t.raw('pools.rename', { id: unknown, name: 'X' })).toMatchObject({ error: { code: 'not_found' } });
    expect(await t.raw('pools.setStatus', { id: unknown, status: 'disabled' })).toMatchObject({
      error: { code: 'not_found' },
    });
    expect(await auditCount()).toBe(before);
    expect((await t.call('pools.list', {})).pools).toMatchObject([{ name: 'Research', status: 'archived' }]);
  });

  it('records nothing when nothing changes', async () => {
    const pool = await t.call('pools.create', { name: 'Research' });
    const before = await auditCount();
    events.length = 0;
    await t.call('pools.rename', { id: pool.id, name: 'Research' });
    await t.call('pools.setStatus', { id: pool.id, status: 'active' });
    expect(await auditCount()).toBe(before);
    expect(events).toEqual([]);
  });

  it('tells every console after the change is committed', async () => {
    const seenInside: { pools: string[]; audit: number }[] = [];
    t.core.subscribe((event) => {
      if (event.name !== 'pools.changed') return;
      // Reading inside the listener must already see the committed row and its audit entry.
      void Promise.all([t.call('pools.list', {}), t.call('audit.list', {})]).then(([list, audit]) =>
        seenInside.push({ pools: list.pools.map((p) => p.name), audit: audit.entries.length }),
      );
    });
    const pool = await t.call('pools.create', { name: 'Research' });
    expect(events).toEqual([
      { name: 'pools.changed', payload: { poolId: pool.id } },
      { name: 'audit.appended', payload: { id: expect.any(Number) } },
    ]);
    await expect.poll(() => seenInside).toEqual([{ pools: ['Research'], audit: 2 }]);
  });

  it('lists active Pools first, then disabled, then archived, each by name', async () => {
    const ids: Record<string, string> = {};
    for (const name of ['delta', 'Alpha', 'charlie', 'Bravo']) ids[name] = (await t.call('pools.create', { name })).id;
    await t.call('pools.setStatus', { id: ids.Alpha!, status: 'archived' });
    await t.call('pools.setStatus', { id: ids.charlie!, status: 'disabled' });
    expect((await t.call('pools.list', {})).pools.map((p) => p.name)).toEqual(['Bravo', 'delta', 'charlie', 'Alpha']);
  });
});
