import { Chip } from '@mui/material';
import type { InviteStatus } from '../../../shared/contract';

const LOOK: Record<InviteStatus, { label: string; color: 'success' | 'error' }> = {
  active: { label: 'Active', color: 'success' },
  accepted: { label: 'Accepted', color: 'success' },
  expired: { label: 'Expired', color: 'error' },
  revoked: { label: 'Revoked', color: 'error' },
};

/** Active and accepted green, expired and revoked red (SPEC §3); accepted is outlined to tell it apart. */
export function InviteStatusChip({ status }: { status: InviteStatus }) {
  const look = LOOK[status];
  return (
    <Chip
      size="small"
      label={look.label}
      color={look.color}
      variant={status === 'active' || status === 'expired' ? 'filled' : 'outlined'}
    />
  );
}
