import { z } from 'zod';
import { plainText, prefixedId, timestamp } from './fields';

export const POOL_NAME_MAX = 80;
const POOL_STATUSES = ['active', 'disabled', 'archived'] as const;

export const poolId = prefixedId('pool', 'Pool');
export const poolName = plainText('Pool name', POOL_NAME_MAX);
export const poolStatus = z.enum(POOL_STATUSES, { error: 'Status must be active, disabled or archived.' });

/** The uniqueness key: "Research  Lab" and "research lab" are the same Pool name. */
export function poolNameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase();
}

const poolSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  status: poolStatus,
  createdAt: timestamp,
  updatedAt: timestamp,
});

export type Pool = z.infer<typeof poolSchema>;
export type PoolStatus = z.infer<typeof poolStatus>;

export const poolsChannels = {
  'pools.list': {
    input: z.strictObject({}),
    output: z.object({ pools: z.array(poolSchema) }),
  },
  'pools.create': { input: z.strictObject({ name: poolName }), output: poolSchema },
  'pools.rename': { input: z.strictObject({ id: poolId, name: poolName }), output: poolSchema },
  'pools.setStatus': {
    input: z.strictObject({ id: poolId, status: poolStatus }),
    output: poolSchema,
  },
} as const;
