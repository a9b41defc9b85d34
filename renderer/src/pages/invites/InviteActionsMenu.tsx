import { ListItemText, Menu, MenuItem } from '@mui/material';
import { memo } from 'react';
import type { InviteRow } from '../../../../shared/contract';

export const SMTP_UNAVAILABLE = 'Email delivery is unavailable until SMTP is configured.';

export interface OpenActions {
  invite: InviteRow;
  anchor: HTMLElement;
}

interface Props {
  open: OpenActions | null;
  smtpConfigured: boolean;
  onClose(): void;
  onReissue(invite: InviteRow): void;
  onRevoke(invite: InviteRow): void;
}

/**
 * The dotted menu of an active row: one for the whole table, opened at the row's button, so
 * rows carry no menu of their own. A disabled item stays focusable and says why it is
 * disabled, so the reason reaches keyboard and screen-reader users too. Memoised: the table
 * re-renders on every filter change, and a closed menu still runs its modal's hooks.
 */
export const InviteActionsMenu = memo(function InviteActionsMenu({
  open,
  smtpConfigured,
  onClose,
  onReissue,
  onRevoke,
}: Props) {
  const choose = (action: (invite: InviteRow) => void) => () => {
    onClose();
    if (open) action(open.invite);
  };
  return (
    <Menu
      anchorEl={open?.anchor}
      open={open !== null}
      onClose={onClose}
      slotProps={{
        list: {
          disabledItemsFocusable: true,
          'aria-label': open ? `Actions for the invite to ${open.invite.email}` : undefined,
        },
      }}
    >
      <MenuItem
        disabled={!smtpConfigured}
        onClick={choose(onReissue)}
        title={smtpConfigured ? 'Email a new link; the current one stops working.' : SMTP_UNAVAILABLE}
      >
        <ListItemText
          primary="Reissue"
          secondary={smtpConfigured ? 'Email a new link; this one stops working' : SMTP_UNAVAILABLE}
          slotProps={{ secondary: { sx: { maxWidth: 260, whiteSpace: 'normal' } } }}
        />
      </MenuItem>
      <MenuItem onClick={choose(onRevoke)} sx={{ color: 'error.main' }}>
        Revoke…
      </MenuItem>
    </Menu>
  );
});
