import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNEL_NAMES, contract, isChannelName, splitChannel } from '../../../../shared/contract';

describe('the contract', () => {
  it('defines exactly the channels it names', () => {
    expect(Object.keys(contract).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('takes a strict object as every input, so unknown fields are refused', () => {
    for (const channel of CHANNEL_NAMES) {
      const input = contract[channel].input;
      expect(input, channel).toBeInstanceOf(z.ZodObject);
      expect(input.safeParse({ surprise: true }).success, channel).toBe(false);
    }
  });

  it('names channels group.method', () => {
    for (const channel of CHANNEL_NAMES) {
      const [group, method] = splitChannel(channel);
      expect(`${group}.${method}`).toBe(channel);
      expect(group).toMatch(/^[a-z]+$/);
      expect(method).toMatch(/^[a-zA-Z]+$/);
    }
    expect(isChannelName('pools.list')).toBe(true);
    expect(isChannelName('pools.drop')).toBe(false);
    expect(isChannelName('__proto__')).toBe(false);
  });
});
