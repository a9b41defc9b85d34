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
} from '@mui/material';
import { useEffect } from 'react';
import { Controller } from 'react-hook-form';
import type { InviteExpiry, IssuedInvite, Pool } from '../../../../shared/contract';
import { DEFAULT_INVITE_EXPIRY, INVITE_EXPIRIES, invitesChannels } from '../../../../shared/contract/invites';
import { useCall } from '../../api/mutations';
import { DialogButtons, DialogError } from '../../components/DialogParts';
import { ReachNote } from '../../components/ReachNote';
import { FormTextField } from '../../components/forms/FormTextField';
import { useContractForm } from '../../components/forms/use-contract-form';
import { SMTP_UNAVAILABLE } from './InviteActionsMenu';

export const EXPIRY_LABELS: Record<InviteExpiry, string> = {
  '1h': '1 hour',
  '24h': '24 hours',
  '7d': '7 days',
  '30d': '30 days',
};

interface InviteDraft {
  /** '' picks the first active Pool; null leaves the choice to the operator (a Reinvite of an account in no Pool). */
  poolId: string | null;
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
  const create = useCall('invites.create');
  const activePools = pools.filter((p) => p.status === 'active');
  const { form, formError, submitWith } = useContractForm(invitesChannels['invites.create'].input, {
    poolId:
      initial.poolId === null
        ? ''
        : activePools.some((p) => p.id === initial.poolId)
          ? initial.poolId
          : (activePools[0]?.id ?? ''),
    email: initial.email,
    expiry: DEFAULT_INVITE_EXPIRY,
    sendEmail: smtpConfigured,
  });
  const { isValid, isSubmitting } = form.formState;
  const sending = smtpConfigured && form.watch('sendEmail');
  const submit = submitWith(async (input) => onCreated(await create.mutateAsync(input)));

  // A prefilled email (Reinvite, or the search box) is checked at once, as if typed.
  useEffect(() => {
    if (initial.email) void form.trigger('email');
  }, [form, initial.email]);

  return (
    <Dialog open onClose={isSubmitting ? undefined : onClose} maxWidth="sm" aria-labelledby="create-invite-title">
      <DialogTitle id="create-invite-title">Create Pool invite</DialogTitle>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogContent>
          <DialogContentText sx={{ mb: 2.5 }}>
            A one-time link for one Codex account. Whoever opens it approves the device-code login, and the account
            joins the Pool.
          </DialogContentText>
          <Stack spacing={2.25}>
            <FormTextField
              control={form.control}
              name="poolId"
              select
              label="Target Pool"
              helperText={
                initial.poolId === null
                  ? 'This account is in no Pool now: choose the one it should join.'
                  : 'Only active Pools take invites.'
              }
              fullWidth
            >
              {activePools.map((p) => (
                <MenuItem key={p.id} value={p.id}>
                  {p.name}
                </MenuItem>
              ))}
            </FormTextField>
            <FormTextField
              control={form.control}
              name="email"
              label="Codex account email"
              type="email"
              placeholder="codex-user@example.com"
              helperText="The ChatGPT account that will approve the login. It must match exactly."
              autoFocus
              fullWidth
              slotProps={{ htmlInput: { maxLength: 300, spellCheck: false, 'aria-label': 'Codex account email' } }}
            />
            <FormTextField control={form.control} name="expiry" select label="Expires after" fullWidth>
              {(Object.keys(INVITE_EXPIRIES) as InviteExpiry[]).map((key) => (
                <MenuItem key={key} value={key}>
                  {EXPIRY_LABELS[key]}
                </MenuItem>
              ))}
            </FormTextField>
            <div>
              <Controller
                control={form.control}
                name="sendEmail"
                render={({ field }) => (
                  <FormControlLabel
                    control={
                      <Checkbox
                        checked={smtpConfigured && field.value}
                        onChange={(e) => field.onChange(e.target.checked)}
                      />
                    }
                    label="Send invite email"
                    disabled={!smtpConfigured}
                  />
                )}
              />
              {!smtpConfigured && <FormHelperText sx={{ mt: -0.5, ml: 4 }}>{SMTP_UNAVAILABLE}</FormHelperText>}
            </div>
          </Stack>
          <DialogError message={formError} />
        </DialogContent>
        <DialogButtons onCancel={onClose} busy={isSubmitting} note={<ReachNote />}>
          <Button type="submit" variant="contained" disabled={!isValid || isSubmitting}>
            {isSubmitting ? (sending ? 'Creating and emailing…' : 'Creating…') : 'Create invite'}
          </Button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}
