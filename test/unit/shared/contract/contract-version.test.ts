import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNEL_NAMES, CHANNEL_POLICIES, contract, CONTRACT_VERSION, eventSchemas } from '../../../../shared/contract';

// A console and a team server compare CONTRACT_VERSION before anything else. This pins the
// version to a digest of every channel's input, output and policy and every event's payload:
// change one and this fails until the version is bumped (and the digest below updated with it).
const PINNED = { version: 1, digest: 'bce6ce816e9b6cc5' };

const shape = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', cycles: 'ref', reused: 'inline' });

function contractDigest(): string {
  const channels = CHANNEL_NAMES.map((name) => {
    const entry = contract[name];
    return [name, shape(entry.input, 'input'), shape(entry.output, 'output'), CHANNEL_POLICIES[name], 'kind' in entry];
  });
  const events = Object.entries(eventSchemas).map(([name, schema]) => [name, shape(schema, 'output')]);
  return createHash('sha256').update(JSON.stringify({ channels, events })).digest('hex').slice(0, 16);
}

describe('the contract version', () => {
  it('is bumped whenever a channel, a policy or an event changes shape', () => {
    const digest = contractDigest();
    expect({ version: CONTRACT_VERSION, digest }, 'bump CONTRACT_VERSION and pin the new digest').toEqual(PINNED);
  });
});
