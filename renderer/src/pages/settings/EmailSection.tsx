import {
  Alert,
  Box,
  Button,
  CircularProgress,
  FormControlLabel,
  MenuItem,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { smtpUpdateInput, type SmtpCheck, type SmtpSettings } from '../../../../shared/contract';
import { ApiError, errorMessage } from '../../api/api-error';
import { useApi } from '../../api/ApiProvider';
import { queryKeys } from '../../api/query-keys';
import { useNotify } from '../../components/Notifier';
import { SettingsSection } from '../../components/SettingsSection';
import { SmtpPasswordField, type PasswordChange } from './SmtpPasswordField';

type Draft = Omit<SmtpSettings, 'passwordStored' | 'configured' | 'port' | 'timeoutSeconds'> & {
  port: string;
  timeoutSeconds: string;
  password: PasswordChange;
};

function draftOf(s: SmtpSettings): Draft {
  return {
    enabled: s.enabled,
    host: s.host,
    port: String(s.port),
    security: s.security,
    username: s.username,
    password: { action: 'keep' },
    fromAddress: s.fromAddress,
    fromName: s.fromName,
    allowUntrustedCertificates: s.allowUntrustedCertificates,
    timeoutSeconds: String(s.timeoutSeconds),
  };
}

function toInput(d: Draft) {
  return { ...d, port: Number(d.port), timeoutSeconds: Number(d.timeoutSeconds) };
}

const SECURITY_LABELS = { none: 'None (plain)', starttls: 'STARTTLS', tls: 'TLS (implicit)' } as const;

function EmailForm({ settings }: { settings: SmtpSettings }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [check, setCheck] = useState<(SmtpCheck & { kind: 'verify' | 'test' }) | null>(null);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const parsed = smtpUpdateInput.safeParse(toInput(draft));
  const clientErrors: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) clientErrors[issue.path.join('.')] ??= issue.message;
  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(settings));

  const save = useMutation({
    mutationFn: () => api.smtp.update(parsed.data!),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.smtp, saved);
      setDraft(draftOf(saved));
      setCheck(null);
      notify('Email settings saved.');
    },
  });
  const serverErrors = save.error instanceof ApiError ? save.error.fields : {};
  const errors = { ...serverErrors, ...(dirty ? clientErrors : {}) };

  const run = useMutation({
    mutationFn: async (kind: 'verify' | 'test') => ({
      kind,
      ...(kind === 'verify' ? await api.smtp.verify({}) : await api.smtp.sendTest({})),
    }),
    onMutate: () => setCheck(null),
    onSuccess: (result) => setCheck(result),
    onError: (err) => notify(errorMessage(err), 'error'),
  });

  const field = (
    key: 'host' | 'port' | 'username' | 'fromAddress' | 'fromName' | 'timeoutSeconds',
    label: string,
    extra: object = {},
  ) => (
    <TextField
      label={label}
      value={draft[key]}
      onChange={(e) => set(key, e.target.value)}
      error={Boolean(errors[key])}
      helperText={errors[key] ?? ' '}
      fullWidth
      slotProps={{ htmlInput: { 'aria-label': label, maxLength: 300, spellCheck: false } }}
      {...extra}
    />
  );

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed.success && dirty) save.mutate();
      }}
    >
      <Stack spacing={1} sx={{ maxWidth: 640 }}>
        <FormControlLabel
          control={<Switch checked={draft.enabled} onChange={(e) => set('enabled', e.target.checked)} />}
          label="Send email (invite emails and reissues)"
          sx={{ mb: 1 }}
        />
        <Stack direction="row" spacing={2}>
          {field('host', 'Host', { placeholder: 'smtp.example.com' })}
          <Box sx={{ width: 140, flexShrink: 0 }}>{field('port', 'Port', { type: 'number' })}</Box>
          <TextField
            select
            label="Security"
            value={draft.security}
            onChange={(e) => set('security', e.target.value as Draft['security'])}
            sx={{ width: 200, flexShrink: 0 }}
            helperText=" "
          >
            {(Object.keys(SECURITY_LABELS) as (keyof typeof SECURITY_LABELS)[]).map((k) => (
              <MenuItem key={k} value={k}>
                {SECURITY_LABELS[k]}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
          {field('username', 'Username', { autoComplete: 'off' })}
          <Box sx={{ width: '100%' }}>
            <SmtpPasswordField
              stored={settings.passwordStored}
              change={draft.password}
              onChange={(change) => set('password', change)}
              error={errors['password.value']}
            />
          </Box>
        </Stack>
        <Stack direction="row" spacing={2}>
          {field('fromAddress', 'From address', { placeholder: 'console@example.com', type: 'email' })}
          {field('fromName', 'From name')}
        </Stack>
        <Box sx={{ width: 200 }}>{field('timeoutSeconds', 'Timeout (seconds)', { type: 'number' })}</Box>
        <Box>
          <FormControlLabel
            control={
              <Switch
                checked={draft.allowUntrustedCertificates}
                onChange={(e) => set('allowUntrustedCertificates', e.target.checked)}
              />
            }
            label="Allow untrusted certificates"
          />
          <Typography variant="caption" color="text.secondary" component="p" sx={{ ml: 6, mt: -0.5 }}>
            Only for a server with a private certificate authority. It turns off the check that you are talking to the
            right server.
          </Typography>
        </Box>
        {save.error && Object.keys(serverErrors).length === 0 && (
          <Alert severity="error">{errorMessage(save.error)}</Alert>
        )}
        {check && (
          <Alert severity={check.result === 'ok' ? 'success' : 'error'} role="status">
            {check.message}
          </Alert>
        )}
        <Stack direction="row" spacing={1} sx={{ pt: 1, alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
          <Button type="submit" variant="contained" disabled={!dirty || !parsed.success || save.isPending}>
            Save email settings
          </Button>
          {dirty && <Button onClick={() => setDraft(draftOf(settings))}>Discard changes</Button>}
          <Box sx={{ flex: 1 }} />
          <Button
            variant="outlined"
            disabled={!settings.configured || dirty || run.isPending}
            onClick={() => run.mutate('verify')}
          >
            Verify connection
          </Button>
          <Button
            variant="outlined"
            disabled={!settings.configured || dirty || run.isPending}
            onClick={() => run.mutate('test')}
          >
            Send test email
          </Button>
          {run.isPending && <CircularProgress size={20} aria-label="Checking" />}
        </Stack>
        {dirty && settings.configured && (
          <Typography variant="caption" color="text.secondary">
            Save your changes to verify them.
          </Typography>
        )}
      </Stack>
    </form>
  );
}

export function EmailSection() {
  const api = useApi();
  const smtp = useQuery({ queryKey: queryKeys.smtp, queryFn: () => api.smtp.get({}) });
  return (
    <SettingsSection
      title="Email"
      description="An SMTP server for invite emails. Verify connection checks the saved settings; Send test email mails your operator address."
    >
      {smtp.error && <Alert severity="error">{errorMessage(smtp.error)}</Alert>}
      {smtp.data ? (
        <EmailForm key={JSON.stringify(smtp.data)} settings={smtp.data} />
      ) : (
        !smtp.error && <CircularProgress size={24} />
      )}
    </SettingsSection>
  );
}
