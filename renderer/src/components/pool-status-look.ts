import type { PoolStatus } from '../../../shared/contract';

/** Active green, disabled grey, archived outlined grey (a plain table's `row-chip` looks). */
export const POOL_STATUS_LOOK: Record<
  PoolStatus,
  { label: string; color: 'success' | 'neutral'; variant: 'filled' | 'outlined' }
> = {
  active: { label: 'Active', color: 'success', variant: 'filled' },
  disabled: { label: 'Disabled', color: 'neutral', variant: 'filled' },
  archived: { label: 'Archived', color: 'neutral', variant: 'outlined' },
};
