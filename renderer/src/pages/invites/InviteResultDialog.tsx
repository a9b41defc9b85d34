import CheckIcon from '@mui/icons-material/Check';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import type { IssuedInvite } from '../../../../shared/contract';
import { ReachNote } from '../../components/ReachNote';

interface Props {
  issued: IssuedInvite;
  reissued: boolean;
  onDone(): void;
}

/**
 * The only place an invite URL ever appears. It lives in this component's props and nowhere else:
 * Done drops it, and nothing can show it again. Until the link has been copied, Escape and a click
 * outside do not close the dialog, so the URL is not lost by accident.
 */
export function InviteResultDialog({ issued, reissued, onDone }: Props) {
  const [copied, setCopied] = useState(false);
  const [copyFailed, setCopyFailed] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(issued.url);
      setCopied(true);
      setCopyFailed(false);
    } catch {
      setCopyFailed(true);
    }
  };
  return (
    <Dialog open maxWidth="sm" onClose={copied ? onDone : undefined} aria-labelledby="invite-result-title">
      <DialogTitle id="invite-result-title">Share this link before closing — it is shown once</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="textSecondary" sx={{ mb: 2 }}>
          {reissued
            ? 'The previous link for '
            : issued.invite.kind === 'relink'
              ? 'This link lets the owner of '
              : 'This link lets '}
          <Box component="strong" sx={{ color: 'text.primary' }}>
            {issued.invite.email}
          </Box>
          {reissued
            ? issued.invite.kind === 'relink'
              ? ' no longer works. This new one reconnects it to '
              : ' no longer works. This new one joins '
            : issued.invite.kind === 'relink'
              ? ' sign in again and reconnect it to '
              : ' join '}
          <Box component="strong" sx={{ color: 'text.primary' }}>
            {issued.invite.poolName}
          </Box>
          . It is not stored anywhere: nothing in the console can show it again.
        </Typography>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'stretch' }}>
          <Box
            component="code"
            aria-label="Invite URL"
            sx={{
              flex: 1,
              minWidth: 0,
              px: 1.5,
              py: 1.25,
              borderRadius: 1,
              bgcolor: 'action.hover',
              border: 1,
              borderColor: 'divider',
              fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
              fontSize: '0.8125rem',
              overflowWrap: 'anywhere',
              userSelect: 'all',
            }}
          >
            {issued.url}
          </Box>
          <Button
            variant={copied ? 'outlined' : 'contained'}
            color={copied ? 'success' : 'primary'}
            startIcon={copied ? <CheckIcon /> : <ContentCopyIcon />}
            onClick={() => void copy()}
            sx={{ flexShrink: 0, minWidth: 104 }}
          >
            {copied ? 'Copied' : 'Copy'}
          </Button>
        </Stack>
        <ReachNote sx={{ mt: 2 }} />
        <Typography variant="body2" color="textSecondary" sx={{ mt: 1 }}>
          The link opens only while Pooler Console runs. If it does not open, the invitee should ask you to start it.
        </Typography>
        {copyFailed && (
          <Alert severity="warning" sx={{ mt: 2 }}>
            The clipboard is not available here. Select the link and copy it by hand.
          </Alert>
        )}
        {issued.email.outcome === 'sent' && (
          <Alert severity="success" sx={{ mt: 2 }}>
            Email sent to {issued.invite.email}.
          </Alert>
        )}
        {issued.email.outcome === 'failed' && (
          <Alert severity="warning" sx={{ mt: 2 }}>
            Email could not be sent: {issued.email.reason}. Share the URL manually.
          </Alert>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button variant={copied ? 'contained' : 'text'} onClick={onDone}>
          Done
        </Button>
      </DialogActions>
    </Dialog>
  );
}
