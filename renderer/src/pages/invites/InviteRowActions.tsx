import MoreVertIcon from '@mui/icons-material/MoreVert';
import { IconButton, ListItemText, Menu, MenuItem } from '@mui/material';
import { useState } from 'react';
import type { InviteRow } from '../../../../shared/contract';

export const SMTP_UNAVAILABLE = 'Email delivery is unavailable until SMTP is configured.';

interface Props {
  invite: InviteRow;
  smtpConfigured: boolean;
  onReissue(): void;
  onRevoke(): void;
}

/**
 * The dotted menu on an active row. A disabled item stays focusable and says why it is disabled,
 * so the reason reaches keyboard and screen-reader users too.
 */
export function InviteRowActions({ invite, smtpConfigured, onReissue, onRevoke }: Props) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const close = () => setAnchor(null);
  return (
    <>
      <IconButton
        size="small"
        aria-label={`Actions for the invite to ${invite.email}`}
        aria-haspopup="menu"
        onClick={(e) => {
          e.stopPropagation();
          setAnchor(e.currentTarget);
        }}
        onKeyDown={(e) => e.stopPropagation()}
      >
        <MoreVertIcon fontSize="small" />
      </IconButton>
      <Menu
        anchorEl={anchor}
        open={anchor !== null}
        onClose={close}
        // React events bubble through the menu's portal to the row, whose click and Enter open
        // the details drawer; the menu keeps its own.
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.stopPropagation()}
        slotProps={{ list: { disabledItemsFocusable: true } }}
      >
        <MenuItem
          disabled={!smtpConfigured}
          onClick={() => {
            close();
            onReissue();
          }}
          title={smtpConfigured ? 'Email a new link; the current one stops working.' : SMTP_UNAVAILABLE}
        >
          <ListItemText
            primary="Reissue"
            secondary={smtpConfigured ? 'Email a new link; this one stops working' : SMTP_UNAVAILABLE}
            slotProps={{ secondary: { sx: { maxWidth: 260, whiteSpace: 'normal' } } }}
          />
        </MenuItem>
        <MenuItem
          onClick={() => {
            close();
            onRevoke();
          }}
          sx={{ color: 'error.main' }}
        >
          Revoke…
        </MenuItem>
      </Menu>
    </>
  );
}
