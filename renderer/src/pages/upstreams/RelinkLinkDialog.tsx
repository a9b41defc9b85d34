import {
  Button,
  Checkbox,
  Dialog,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  FormHelperText,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { INVITE_EXPIRIES, type InviteExpiry, type IssuedInvite, type UpstreamRow } from '../../../../shared/contract';
import { errorMessage } from '../../api/api-error';
import { useCall } from '../../api/mutations';
import { DialogButtons, DialogError } from '../../components/DialogParts';
import { ReachNote } from '../../components/ReachNote';
import { EXPIRY_LABELS } from '../invites/CreateInviteDialog';
import { SMTP_UNAVAILABLE } from '../invites/InviteActionsMenu';

/** Owners often need a few days to get to it: a week unless the operator says otherwise. */
const DEFAULT_RELINK_EXPIRY: InviteExpiry = '7d';

/**
 * Issue a relink link for an account whose owner must sign in again: a one-time URL (shown once,
 * in the result dialog) that restores this very account, optionally emailed to the owner.
 */
export function RelinkLinkDialog({
  upstream,
  smtpConfigured,
  onIssued,
  onClose,
}: {
  upstream: UpstreamRow;
  smtpConfigured: boolean;
  onIssued(issued: IssuedInvite): void;
  onClose(): void;
}) {
  const issue = useCall('upstreams.relinkLink');
  const [expiry, setExpiry] = useState<InviteExpiry>(DEFAULT_RELINK_EXPIRY);
  const [sendEmail, setSendEmail] = useState(smtpConfigured);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    try {
      onIssued(await issue.mutateAsync({ id: upstream.id, expiry, sendEmail: smtpConfigured && sendEmail }));
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const busy = issue.isPending;
  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="sm" aria-labelledby="relink-link-title">
      <DialogTitle id="relink-link-title">Send a relink link to the owner of {upstream.email}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2.5 }}>
          The owner opens the link, signs in to ChatGPT as <strong>{upstream.email}</strong> and approves. Only this
          same account can use it: the new tokens replace the old ones, and its Pools and history stay as they are.
        </DialogContentText>
        <Stack spacing={2.25}>
          <TextField
            select
            label="Expires after"
            value={expiry}
            onChange={(e) => setExpiry(e.target.value as InviteExpiry)}
            fullWidth
          >
            {(Object.keys(INVITE_EXPIRIES) as InviteExpiry[]).map((key) => (
              <MenuItem key={key} value={key}>
                {EXPIRY_LABELS[key]}
              </MenuItem>
            ))}
          </TextField>
          <div>
            <FormControlLabel
              control={
                <Checkbox checked={smtpConfigured && sendEmail} onChange={(e) => setSendEmail(e.target.checked)} />
              }
              label={`Email it to ${upstream.email}`}
              disabled={!smtpConfigured}
            />
            {!smtpConfigured && <FormHelperText sx={{ mt: -0.5, ml: 4 }}>{SMTP_UNAVAILABLE}</FormHelperText>}
          </div>
        </Stack>
        <DialogError message={error} />
      </DialogContent>
      <DialogButtons onCancel={onClose} busy={busy} note={<ReachNote />}>
        <Button variant="contained" onClick={() => void submit()} disabled={busy}>
          {busy ? 'Creating…' : 'Create relink link'}
        </Button>
      </DialogButtons>
    </Dialog>
  );
}
