import { Chip } from '@mui/material';
import type { InviteStatus } from '../../../shared/contract';

/** Active and accepted green, expired and revoked red (SPEC §3); accepted and revoked are outlined to tell them apart. */
export const STATUS_LOOK: Record<
  InviteStatus,
  { label: string; color: 'success' | 'error'; variant: 'filled' | 'outlined' }
> = {
  active: { label: 'Active', color: 'success', variant: 'filled' },
  accepted: { label: 'Accepted', color: 'success', variant: 'outlined' },
  expired: { label: 'Expired', color: 'error', variant: 'filled' },
  revoked: { label: 'Revoked', color: 'error', variant: 'outlined' },
};

export function InviteStatusChip({ status }: { status: InviteStatus }) {
  const look = STATUS_LOOK[status];
  return <Chip size="small" label={look.label} color={look.color} variant={look.variant} />;
}
