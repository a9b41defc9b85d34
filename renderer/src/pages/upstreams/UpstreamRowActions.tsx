import MoreVertIcon from '@mui/icons-material/MoreVert';
import { Divider, IconButton, ListItemText, Menu, MenuItem } from '@mui/material';
import { useState } from 'react';
import type { UpstreamRow } from '../../../../shared/contract';

export type UpstreamAction = 'refresh' | 'quota' | 'relink' | 'reinvite' | 'export' | 'remove';

const NEEDS_RELINK = 'Its refresh token no longer works: relink it first.';

/** The dotted menu of one account. Disabled items stay focusable and say why. */
export function UpstreamRowActions({
  upstream,
  onAction,
}: {
  upstream: UpstreamRow;
  onAction(action: UpstreamAction): void;
}) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const dead = upstream.credentialState === 'reauth_required';
  const item = (
    action: UpstreamAction,
    label: string,
    hint: string | null,
    options: { disabled?: boolean; danger?: boolean } = {},
  ) => (
    <MenuItem
      disabled={options.disabled ?? false}
      onClick={() => {
        setAnchor(null);
        onAction(action);
      }}
      title={hint ?? undefined}
      sx={options.danger ? { color: 'error.main' } : undefined}
    >
      <ListItemText
        primary={label}
        secondary={hint}
        slotProps={{ secondary: { sx: { maxWidth: 260, whiteSpace: 'normal' } } }}
      />
    </MenuItem>
  );
  return (
    <>
      <IconButton
        size="small"
        aria-label={`Actions for ${upstream.email}`}
        aria-haspopup="menu"
        onClick={(e) => setAnchor(e.currentTarget)}
      >
        <MoreVertIcon fontSize="small" />
      </IconButton>
      <Menu
        anchorEl={anchor}
        open={anchor !== null}
        onClose={() => setAnchor(null)}
        slotProps={{ list: { disabledItemsFocusable: true } }}
      >
        {item('refresh', 'Refresh token', dead ? NEEDS_RELINK : null, { disabled: dead || upstream.busy })}
        {item('quota', 'Check quota', dead ? NEEDS_RELINK : null, { disabled: dead || upstream.busy })}
        {item('relink', 'Relink…', 'Sign this account in again with a device code')}
        {item(
          'reinvite',
          'Reinvite…',
          upstream.pools.length > 0 ? `A new invite to ${upstream.pools[0]!.name}` : 'A new invite for this email',
        )}
        {item('export', 'Export auth.json…', dead ? NEEDS_RELINK : 'For the Codex CLI on another machine', {
          disabled: dead,
        })}
        <Divider />
        {item('remove', 'Remove from Pool…', upstream.pools.length === 0 ? 'It is in no Pool.' : null, {
          disabled: upstream.pools.length === 0,
          danger: true,
        })}
      </Menu>
    </>
  );
}
