import { Chip } from '@mui/material';
import type { InviteSituation } from '../../../shared/format/invite-result';

export type SituationColor = 'success' | 'error' | 'warning' | 'neutral';

/**
 * Active and accepted green, expired and revoked red (SPEC §3); accepted and revoked are
 * outlined to tell them apart. An active invite whose Pool is disabled is Paused (amber), one
 * whose Pool is archived is Closed (grey): their links do not work, whatever the stored status.
 */
export const STATUS_LOOK: Record<
  InviteSituation,
  { label: string; color: SituationColor; variant: 'filled' | 'outlined' }
> = {
  active: { label: 'Active', color: 'success', variant: 'filled' },
  accepted: { label: 'Accepted', color: 'success', variant: 'outlined' },
  expired: { label: 'Expired', color: 'error', variant: 'filled' },
  revoked: { label: 'Revoked', color: 'error', variant: 'outlined' },
  paused: { label: 'Paused', color: 'warning', variant: 'outlined' },
  closed: { label: 'Closed', color: 'neutral', variant: 'outlined' },
};

export function InviteStatusChip({ situation }: { situation: InviteSituation }) {
  const look = STATUS_LOOK[situation];
  return (
    <Chip
      size="small"
      label={look.label}
      color={look.color === 'neutral' ? 'default' : look.color}
      variant={look.variant}
    />
  );
}
