import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, contract } from '../../../../shared/contract';
import { badInputs } from '../../../support/bad-inputs';
import { VALID_INPUTS } from '../../../support/contract-samples';
import { snapshotStore } from '../../../support/db-snapshot';
import { startTestCore, type TestCore } from '../../../support/test-core';

let t: TestCore;
beforeAll(async () => {
  t = await startTestCore();
  // Some state to protect: an operator, Pools in each status, audit entries.
  await t.call('settings.updateOperator', { displayName: 'Ada', email: 'ada@example.com' });
  const pool = await t.call('pools.create', { name: 'Research' });
  await t.call('pools.create', { name: 'Growth' });
  await t.call('pools.setStatus', { id: pool.id, status: 'disabled' });
});
afterAll(() => t.dispose());

const cases = badInputs();

describe('bad input, generated from the contract', () => {
  it('covers every channel', () => {
    expect(new Set(cases.map((c) => c.channel))).toEqual(new Set(CHANNEL_NAMES));
    expect(cases.length).toBeGreaterThan(150);
  });

  it('has a valid sample for every channel that the contract accepts', () => {
    for (const channel of CHANNEL_NAMES)
      expect(contract[channel].input.safeParse(VALID_INPUTS[channel]).success, channel).toBe(true);
  });

  it.each(cases.map((c) => [`${c.channel}: ${c.label}`, c] as const))(
    '%s → validation_failed, nothing changes',
    async (_name, c) => {
      const before = await snapshotStore(t);
      const result = await t.raw(c.channel, c.input);
      expect(result).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
      if (result.ok) return;
      const fields = result.error.fields ?? {};
      expect(Object.hasOwn(fields, c.field) && typeof fields[c.field], JSON.stringify(result.error)).toBe('string');
      expect(result.error.message.length).toBeLessThan(300);
      expect(await snapshotStore(t)).toEqual(before);
    },
  );

  it('names an unknown channel without echoing much of it back', async () => {
    const result = await t.raw(`pools.${'x'.repeat(5000)}`, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    if (!result.ok) expect(result.error.message.length).toBeLessThan(120);
  });
});
