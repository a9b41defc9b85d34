import { Alert, Box, Button, Chip, Stack, TextField } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { onboardingChannels, type OnboardingSettings, type RuntimeSetting } from '../../../../shared/contract';
import { ApiError, errorMessage } from '../../api/api-error';
import { useApi } from '../../api/ApiProvider';
import { queryKeys } from '../../api/query-keys';
import { useNotify } from '../../components/Notifier';
import { SettingsSection } from '../../components/SettingsSection';

interface Draft {
  host: string;
  port: string;
  publicUrl: string;
}

const draftOf = (s: OnboardingSettings): Draft => ({
  host: s.host.value,
  port: s.port.value,
  // A derived public URL is shown as a placeholder, not as a value that would pin it.
  publicUrl: s.publicUrl.source === 'default' ? '' : s.publicUrl.value,
});

function sourceNote(setting: RuntimeSetting) {
  return setting.source === 'environment' ? (
    <Chip size="small" color="primary" variant="outlined" label={`set by ${setting.env}`} />
  ) : null;
}

function OnboardingForm({ settings }: { settings: OnboardingSettings }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const input = { host: draft.host, port: Number(draft.port), publicUrl: draft.publicUrl };
  const parsed = onboardingChannels['onboarding.update'].input.safeParse(input);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[issue.path.join('.')] ??= issue.message;
  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(settings));
  const save = useMutation({
    mutationFn: () => api.onboarding.update(parsed.data!),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.onboarding, saved);
      notify(
        saved.status.state === 'listening'
          ? 'Invite links are served at the new address.'
          : 'Saved, but the listener did not start.',
        saved.status.state === 'listening' ? 'success' : 'error',
      );
    },
  });
  const serverErrors = save.error instanceof ApiError ? save.error.fields : {};
  const shown = { ...serverErrors, ...(dirty ? errors : {}) };
  const locked = (s: RuntimeSetting) => s.source === 'environment';
  const { status } = settings;

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed.success && dirty) save.mutate();
      }}
    >
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
          <TextField
            label="Listen on host"
            value={draft.host}
            onChange={(e) => setDraft({ ...draft, host: e.target.value })}
            disabled={locked(settings.host)}
            error={Boolean(shown.host)}
            helperText={shown.host ?? 'Where the listener binds. 127.0.0.1 keeps it on this machine.'}
            fullWidth
          />
          <Box sx={{ width: 160, flexShrink: 0 }}>
            <TextField
              label="Port"
              type="number"
              value={draft.port}
              onChange={(e) => setDraft({ ...draft, port: e.target.value })}
              disabled={locked(settings.port)}
              error={Boolean(shown.port)}
              helperText={shown.port ?? ' '}
              fullWidth
            />
          </Box>
        </Stack>
        <TextField
          label="Public URL of invite links"
          value={locked(settings.publicUrl) ? settings.publicUrl.value : draft.publicUrl}
          placeholder={settings.publicUrl.value}
          onChange={(e) => setDraft({ ...draft, publicUrl: e.target.value })}
          disabled={locked(settings.publicUrl)}
          error={Boolean(shown.publicUrl)}
          helperText={
            shown.publicUrl ??
            'Leave empty to use the host and port. Set it when invitees reach this machine through another address (a tunnel or proxy).'
          }
          fullWidth
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
          {sourceNote(settings.host)}
          {sourceNote(settings.port)}
          {sourceNote(settings.publicUrl)}
        </Stack>
        {save.error && Object.keys(serverErrors).length === 0 && (
          <Alert severity="error">{errorMessage(save.error)}</Alert>
        )}
        <Stack direction="row" spacing={1}>
          <Button type="submit" variant="contained" disabled={!dirty || !parsed.success || save.isPending}>
            Save and restart listener
          </Button>
          {dirty && <Button onClick={() => setDraft(draftOf(settings))}>Discard changes</Button>}
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
