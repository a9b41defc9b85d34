import { Chip } from '@mui/material';
import type { PoolStatus } from '../../../shared/contract';

const LOOK: Record<PoolStatus, { label: string; color: 'success' | 'default'; variant: 'filled' | 'outlined' }> = {
  active: { label: 'Active', color: 'success', variant: 'filled' },
  disabled: { label: 'Disabled', color: 'default', variant: 'filled' },
  archived: { label: 'Archived', color: 'default', variant: 'outlined' },
};

export function PoolStatusChip({ status }: { status: PoolStatus }) {
  const look = LOOK[status];
  return <Chip size="small" label={look.label} color={look.color} variant={look.variant} />;
}
