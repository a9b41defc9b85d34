import MoreVertIcon from '@mui/icons-material/MoreVert';
import { Divider, IconButton, ListItemText, Menu, MenuItem } from '@mui/material';
import { useState } from 'react';
import type { UpstreamRow } from '../../../../shared/contract';
import { expiryLabel } from '../../../../shared/format/expiry-label';

export type UpstreamAction = 'refresh' | 'quota' | 'relink' | 'relinkLink' | 'reinvite' | 'export' | 'remove';

const NEEDS_RELINK = 'Its refresh token no longer works: relink it first.';
const HANDED_OVER = 'It was handed over: relink it to use it here again.';

/** Why "Send relink link…" is off, or what it does. */
function relinkLinkHint(upstream: UpstreamRow, now: number): { hint: string; disabled: boolean } {
  if (upstream.relinkLink) {
    return {
      hint: `A relink link is out (expires ${expiryLabel(upstream.relinkLink.expiresAt, now)}). Reissue or revoke it on the Invites page.`,
      disabled: true,
    };
  }
  if (!upstream.needsRelink) return { hint: 'Only for an account whose owner must sign in again.', disabled: true };
  return { hint: 'A one-time link for the owner to sign in again', disabled: false };
}

/** The dotted menu of one account. Disabled items stay focusable and say why. */
export function UpstreamRowActions({
  upstream,
  now,
  onAction,
}: {
  upstream: UpstreamRow;
  now: number;
  onAction(action: UpstreamAction): void;
}) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const handedOff = upstream.credentialState === 'handed_off';
  const dead = upstream.credentialState === 'reauth_required' || handedOff;
  const deadHint = handedOff ? HANDED_OVER : NEEDS_RELINK;
  const linkHint = relinkLinkHint(upstream, now);
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
        {item('refresh', 'Refresh token', dead ? deadHint : null, { disabled: dead || upstream.busy })}
        {item('quota', 'Check quota', dead ? deadHint : null, { disabled: dead || upstream.busy })}
        {item('relinkLink', 'Send relink link…', linkHint.hint, { disabled: linkHint.disabled })}
        {item('relink', 'Relink…', 'Sign this account in again with a device code, here')}
        {item(
          'reinvite',
          'Reinvite…',
          upstream.pools.length > 0 ? `A new invite to ${upstream.pools[0]!.name}` : 'A new invite for this email',
        )}
        {item('export', 'Export auth.json…', dead ? deadHint : 'For the Codex CLI on another machine', {
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
