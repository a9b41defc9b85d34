import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../support/test-core';

let t: TestCore;
beforeEach(async () => {
  t = startTestCore();
  await t.call('settings.updateOperator', { displayName: 'Ada', email: 'ada@example.com' });
});
afterEach(() => t.dispose());

describe('pools', () => {
  it('creates, renames, disables and archives a Pool with audit entries', async () => {
    const pool = await t.call('pools.create', { name: '  Research  ' });
    expect(pool).toMatchObject({ name: 'Research', slug: 'research', status: 'active' });
    expect(pool.id).toMatch(/^pool-[0-9a-f]{24}$/);

    const renamed = await t.call('pools.rename', { id: pool.id, name: 'Research Lab' });
    expect(renamed).toMatchObject({ name: 'Research Lab', slug: 'research' });
    await t.call('pools.setStatus', { id: pool.id, status: 'disabled' });
    const archived = await t.call('pools.setStatus', { id: pool.id, status: 'archived' });
    expect(archived.status).toBe('archived');

    const { entries } = await t.call('audit.list', { poolId: pool.id });
    expect(entries.map((e) => [e.action, e.details.changes ?? e.details.name])).toEqual([
      ['pool.updated', { status: { from: 'disabled', to: 'archived' } }],
      ['pool.updated', { status: { from: 'active', to: 'disabled' } }],
      ['pool.updated', { name: { from: 'Research', to: 'Research Lab' } }],
      ['pool.created', 'Research'],
    ]);
    expect(entries.every((e) => e.actor.name === 'Ada' && e.actor.kind === 'operator')).toBe(true);
  });
});
