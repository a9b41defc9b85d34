import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
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
import {
  DEFAULT_INVITE_EXPIRY,
  emailAddress,
  INVITE_EXPIRIES,
  type InviteExpiry,
  type IssuedInvite,
  type Pool,
} from '../../../../shared/contract';
import { ApiError, errorMessage } from '../../api/api-error';
import { useApi } from '../../api/ApiProvider';
import { fieldError } from '../../components/forms/field-error';
import { SMTP_UNAVAILABLE } from './InviteActionsMenu';

const EXPIRY_LABELS: Record<InviteExpiry, string> = {
  '1h': '1 hour',
  '24h': '24 hours',
  '7d': '7 days',
  '30d': '30 days',
};
const emailField = emailAddress('Codex account email');

export interface InviteDraft {
  poolId: string;
  email: string;
}

interface Props {
  pools: Pool[];
  smtpConfigured: boolean;
  initial: InviteDraft;
  onCreated(issued: IssuedInvite): void;
  onClose(): void;
}

/** Create Pool invite: submit stays disabled until valid; server errors show here, input kept. */
export function CreateInviteDialog({ pools, smtpConfigured, initial, onCreated, onClose }: Props) {
  const api = useApi();
  const activePools = pools.filter((p) => p.status === 'active');
  const [poolId, setPoolId] = useState(
    activePools.some((p) => p.id === initial.poolId) ? initial.poolId : (activePools[0]?.id ?? ''),
  );
  const [email, setEmail] = useState(initial.email);
  const [expiry, setExpiry] = useState<InviteExpiry>(DEFAULT_INVITE_EXPIRY);
  const [sendEmail, setSendEmail] = useState(smtpConfigured);
  const [touched, setTouched] = useState(initial.email !== '');
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<Error | null>(null);

  const emailError = fieldError(emailField, email);
  const poolError = poolId ? null : 'Choose the Pool the account joins.';
  const valid = !emailError && !poolError;
  const serverFields = serverError instanceof ApiError ? serverError.fields : {};
  const emailMessage = (touched ? emailError : null) ?? serverFields.email;

  const submit = async () => {
    setTouched(true);
    if (!valid) return;
    setBusy(true);
    setServerError(null);
    try {
      onCreated(await api.invites.create({ poolId, email, expiry, sendEmail: smtpConfigured && sendEmail }));
    } catch (err) {
      setServerError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="sm" aria-labelledby="create-invite-title">
      <DialogTitle id="create-invite-title">Create Pool invite</DialogTitle>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <DialogContent>
          <DialogContentText sx={{ mb: 2.5 }}>
            A one-time link for one Codex account. Whoever opens it approves the device-code login, and the account
            joins the Pool.
          </DialogContentText>
          <Stack spacing={2.25}>
            <TextField
              select
              label="Target Pool"
              value={poolId}
              onChange={(e) => {
                setPoolId(e.target.value);
                setServerError(null);
              }}
              error={Boolean(poolError || serverFields.poolId)}
              helperText={poolError ?? serverFields.poolId ?? 'Only active Pools take invites.'}
              fullWidth
            >
              {activePools.map((p) => (
                <MenuItem key={p.id} value={p.id}>
                  {p.name}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              label="Codex account email"
              type="email"
              placeholder="codex-user@example.com"
              value={email}
              onChange={(e) => {
                setEmail(e.target.value);
                setTouched(true);
                setServerError(null);
              }}
              error={Boolean(emailMessage)}
              helperText={emailMessage ?? 'The ChatGPT account that will approve the login. It must match exactly.'}
              autoFocus
              fullWidth
              slotProps={{ htmlInput: { maxLength: 300, spellCheck: false, 'aria-label': 'Codex account email' } }}
            />
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
                label="Send invite email"
                disabled={!smtpConfigured}
              />
              {!smtpConfigured && <FormHelperText sx={{ mt: -0.5, ml: 4 }}>{SMTP_UNAVAILABLE}</FormHelperText>}
            </div>
          </Stack>
          {serverError && !serverFields.email && !serverFields.poolId && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {errorMessage(serverError)}
            </Alert>
          )}
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" disabled={!valid || busy}>
            {busy ? (smtpConfigured && sendEmail ? 'Creating and emailing…' : 'Creating…') : 'Create invite'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
