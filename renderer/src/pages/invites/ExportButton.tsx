import FileDownloadOutlinedIcon from '@mui/icons-material/FileDownloadOutlined';
import { Button, ListItemText, Menu, MenuItem } from '@mui/material';
import { useState } from 'react';
import type { ExportFormat, InviteFilters } from '../../../../shared/contract';
import { errorMessage } from '../../api/api-error';
import { useCall } from '../../api/mutations';
import { useNotify } from '../../components/Notifier';

/** Exports the invites the current filters show, for review offline. Never includes URLs or tokens. */
export function ExportButton({ filters }: { filters: InviteFilters }) {
  const exportInvites = useCall('invites.export');
  const notify = useNotify();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const run = async (format: ExportFormat) => {
    setAnchor(null);
    try {
      const outcome = await exportInvites.mutateAsync({ format, filters });
      if (outcome.kind === 'saved') {
        notify(
          `Saved ${outcome.count.toLocaleString()} ${outcome.count === 1 ? 'invite' : 'invites'} to ${outcome.fileName}.`,
        );
      } else if (outcome.kind === 'link') {
        notify('The export is downloading.', 'info');
      }
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  };
  return (
    <>
      <Button startIcon={<FileDownloadOutlinedIcon />} onClick={(e) => setAnchor(e.currentTarget)} aria-haspopup="menu">
        Export
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <MenuItem onClick={() => void run('csv')}>
          <ListItemText primary="CSV" secondary="For spreadsheets" />
        </MenuItem>
        <MenuItem onClick={() => void run('json')}>
          <ListItemText primary="JSON" secondary="Invite objects, as the API returns them" />
        </MenuItem>
      </Menu>
    </>
  );
}
