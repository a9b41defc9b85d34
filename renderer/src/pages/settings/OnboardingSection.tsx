import { Alert, Box, Button, Chip, Stack, TextField } from '@mui/material';
import {
  onboardingChannels,
  type InputOf,
  type OnboardingSettings,
  type RuntimeSetting,
} from '../../../../shared/contract';
import { useCall } from '../../api/mutations';
import { FormTextField } from '../../components/forms/FormTextField';
import { useContractForm } from '../../components/forms/use-contract-form';
import { useNotify } from '../../components/Notifier';
import { SettingsSection } from '../../components/SettingsSection';

type Draft = InputOf<'onboarding.update'>;

const draftOf = (s: OnboardingSettings): Draft => ({
  host: s.host.value,
  port: Number(s.port.value),
  // A derived public URL is shown as a placeholder, not as a value that would pin it.
  publicUrl: s.publicUrl.source === 'default' ? '' : s.publicUrl.value,
});

function sourceNote(setting: RuntimeSetting) {
  return setting.source === 'environment' ? (
    <Chip size="small" color="primary" variant="outlined" label={`set by ${setting.env}`} />
  ) : null;
}

function OnboardingForm({ settings }: { settings: OnboardingSettings }) {
  const notify = useNotify();
  const save = useCall('onboarding.update');
  const { form, formError, submitWith } = useContractForm(
    onboardingChannels['onboarding.update'].input,
    draftOf(settings),
  );
  const { isDirty, isValid, isSubmitting } = form.formState;
  const submit = submitWith(async (input) => {
    const saved = await save.mutateAsync(input);
    const listening = saved.status.state === 'listening';
    notify(
      listening ? 'Invite links are served at the new address.' : 'Saved, but the listener did not start.',
      listening ? 'success' : 'error',
    );
  });
  const locked = (s: RuntimeSetting) => s.source === 'environment';
  const { status } = settings;

  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      <Stack spacing={1.5} sx={{ maxWidth: 640 }}>
        {status.state === 'listening' ? (
          <Alert severity="success" role="status">
            Serving invite pages on {status.listeningOn}. Links start with {status.publicUrl}.
          </Alert>
        ) : status.state === 'failed' ? (
          <Alert severity="error" role="status">
            {status.message}
          </Alert>
        ) : (
          <Alert severity="info" role="status">
            The invite-link listener is not running.
          </Alert>
        )}
        <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
          <FormTextField
            control={form.control}
            name="host"
            label="Listen on host"
            disabled={locked(settings.host)}
            helperText="Where the listener binds. 127.0.0.1 keeps it on this machine."
            fullWidth
          />
          <Box sx={{ width: 160, flexShrink: 0 }}>
            <FormTextField
              control={form.control}
              name="port"
              label="Port"
              type="number"
              numeric
              disabled={locked(settings.port)}
              helperText=" "
              fullWidth
            />
          </Box>
        </Stack>
        {locked(settings.publicUrl) ? (
          <TextField label="Public URL of invite links" value={settings.publicUrl.value} disabled fullWidth />
        ) : (
          <FormTextField
            control={form.control}
            name="publicUrl"
            label="Public URL of invite links"
            placeholder={settings.publicUrl.value}
            helperText="Leave empty to use the host and port. Set it when invitees reach this machine through another address (a tunnel or proxy)."
            fullWidth
            slotProps={{ inputLabel: { shrink: true } }}
          />
        )}
        <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
          {sourceNote(settings.host)}
          {sourceNote(settings.port)}
          {sourceNote(settings.publicUrl)}
        </Stack>
        {formError && <Alert severity="error">{formError}</Alert>}
        <Stack direction="row" spacing={1}>
          <Button type="submit" variant="contained" disabled={!isDirty || !isValid || isSubmitting}>
            Save and restart listener
          </Button>
          {isDirty && <Button onClick={() => form.reset()}>Discard changes</Button>}
        </Stack>
      </Stack>
    </form>
  );
}

export function OnboardingSection({ settings }: { settings: OnboardingSettings }) {
  return (
    <SettingsSection
      title="Invite links"
      description="Invitees open their one-time link on this console's own small web server, which serves only the invite pages."
    >
      <OnboardingForm key={JSON.stringify(settings)} settings={settings} />
    </SettingsSection>
  );
}
