import { Alert, Button, Stack, Typography } from '@mui/material';
import { contract, type TeamStatus } from '../../../../shared/contract';
import { errorMessage } from '../../api/api-error';
import { useCall } from '../../api/mutations';
import { useContractForm } from '../../components/forms/use-contract-form';
import { FormTextField } from '../../components/forms/FormTextField';
import { useNotify } from '../../components/Notifier';
import { SettingsSection } from '../../components/SettingsSection';
import { formatDateTimeFull } from '../../../../shared/format/time';

const EMPTY = { url: '', email: '', password: '', code: '' };

const FIELDS = [
  { name: 'url', label: 'Server address', placeholder: 'https://console.example.com' },
  { name: 'email', label: 'Email', type: 'email', autoComplete: 'username' },
  { name: 'password', label: 'Password', type: 'password', autoComplete: 'current-password' },
  {
    name: 'code',
    label: 'Authenticator code',
    autoComplete: 'one-time-code',
    helperText: 'The six digits from your authenticator app, or a recovery code.',
  },
] as const;

function ConnectForm() {
  const notify = useNotify();
  const connect = useCall('team.connect');
  const { form, formError, submitWith } = useContractForm(contract['team.connect'].input, EMPTY);
  const { isValid, isSubmitting } = form.formState;
  const submit = submitWith(async (values) => {
    const status = await connect.mutateAsync(values);
    if (status.state !== 'local') notify(`Connected to ${status.url} as ${status.email}.`);
  });
  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      <Stack spacing={2} sx={{ maxWidth: 480 }}>
        {FIELDS.map(({ name, label, ...field }) => (
          <FormTextField
            key={name}
            control={form.control}
            name={name}
            label={label}
            fullWidth
            {...field}
            slotProps={{ htmlInput: { 'aria-label': label, spellCheck: false } }}
          />
        ))}
        {formError && <Alert severity="error">{formError}</Alert>}
        <div>
          <Button type="submit" variant="contained" disabled={!isValid || isSubmitting}>
            {isSubmitting ? 'Connecting…' : 'Connect'}
          </Button>
        </div>
      </Stack>
    </form>
  );
}

function Connected({ status }: { status: Exclude<TeamStatus, { state: 'local' }> }) {
  const notify = useNotify();
  const disconnect = useCall('team.disconnect');
  return (
    <Stack spacing={2} sx={{ maxWidth: 640 }}>
      <Typography>
        Connected to <strong>{status.url}</strong> as <strong>{status.email}</strong> ({status.role}). Pools, invites,
        accounts and the audit log here are the server’s.
      </Typography>
      {status.offlineSince !== null && (
        <Alert severity="warning">
          The server has not answered since {formatDateTimeFull(status.offlineSince)}. The lists you last saw stay
          readable; changes wait until it answers again.
        </Alert>
      )}
      <div>
        <Button
          variant="outlined"
          onClick={() =>
            disconnect.mutateAsync({}).then(
              () => notify('Disconnected: this console works on its own store again.'),
              (err: unknown) => notify(errorMessage(err), 'error'),
            )
          }
        >
          Disconnect
        </Button>
      </div>
    </Stack>
  );
}

/** The desktop app's way onto a team server, and back to its own store. */
export function TeamServerSection({ status }: { status: TeamStatus }) {
  return (
    <SettingsSection
      title="Team server"
      description="Work on your team’s server instead of this computer’s own store: the same screens, with your team’s Pools, invites and accounts, and your role on that server."
    >
      {status.state === 'local' ? <ConnectForm /> : <Connected status={status} />}
    </SettingsSection>
  );
}
