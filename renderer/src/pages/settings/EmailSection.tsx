import {
  Alert,
  Box,
  Button,
  Checkbox,
  CircularProgress,
  FormControlLabel,
  FormHelperText,
  MenuItem,
  Stack,
  Switch,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import {
  sendsPasswordInClear,
  smtpUpdateInput,
  type InputOf,
  type SmtpCheck,
  type SmtpSettings,
} from '../../../../shared/contract';
import { errorMessage } from '../../api/api-error';
import { useCall } from '../../api/mutations';
import { useSmtpSettings } from '../../api/queries';
import { FormTextField } from '../../components/forms/FormTextField';
import { useContractForm } from '../../components/forms/use-contract-form';
import { useNotify } from '../../components/Notifier';
import { SettingsSection } from '../../components/SettingsSection';
import { SmtpPasswordField } from './SmtpPasswordField';

type Draft = InputOf<'smtp.update'>;

function draftOf(s: SmtpSettings): Draft {
  return {
    enabled: s.enabled,
    host: s.host,
    port: s.port,
    security: s.security,
    username: s.username,
    password: { action: 'keep' },
    fromAddress: s.fromAddress,
    fromName: s.fromName,
    allowUntrustedCertificates: s.allowUntrustedCertificates,
    sendPasswordUnencrypted: s.sendPasswordUnencrypted,
    timeoutSeconds: s.timeoutSeconds,
  };
}

const SECURITY_LABELS = { none: 'None (plain)', starttls: 'STARTTLS', tls: 'TLS (implicit)' } as const;
const TEXT = { fullWidth: true, slotProps: { htmlInput: { maxLength: 300, spellCheck: false } } } as const;

function EmailForm({ settings }: { settings: SmtpSettings }) {
  const notify = useNotify();
  const [check, setCheck] = useState<SmtpCheck | null>(null);
  const save = useCall('smtp.update');
  const verify = useCall('smtp.verify', { onSuccess: setCheck });
  const sendTest = useCall('smtp.sendTest', { onSuccess: setCheck });
  const checking = verify.isPending || sendTest.isPending;
  const { form, formError, submitWith } = useContractForm(smtpUpdateInput, draftOf(settings));
  const { isDirty, isValid, isSubmitting, errors } = form.formState;
  const { control } = form;
  const [security, username, host] = form.watch(['security', 'username', 'host']);
  const inClear = sendsPasswordInClear({ security, username });
  const submit = submitWith(async (input) => {
    const saved = await save.mutateAsync(input);
    form.reset(draftOf(saved));
    setCheck(null);
    notify('Email settings saved.');
  });
  const runCheck = (call: typeof verify | typeof sendTest) => {
    setCheck(null);
    call.mutate({}, { onError: (err) => notify(errorMessage(err), 'error') });
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      <Stack spacing={1} sx={{ maxWidth: 640 }}>
        <Controller
          control={control}
          name="enabled"
          // Turning email on makes the host and the from address required: check them at once.
          rules={{ deps: ['host', 'fromAddress'] }}
          render={({ field }) => (
            <FormControlLabel
              control={<Switch checked={field.value} onChange={(e) => field.onChange(e.target.checked)} />}
              label="Send email (invite emails and reissues)"
              sx={{ mb: 1 }}
            />
          )}
        />
        <Stack direction="row" spacing={2}>
          <FormTextField
            control={control}
            name="host"
            label="Host"
            placeholder="smtp.example.com"
            helperText=" "
            {...TEXT}
          />
          <Box sx={{ width: 140, flexShrink: 0 }}>
            <FormTextField control={control} name="port" label="Port" type="number" numeric helperText=" " {...TEXT} />
          </Box>
          <FormTextField
            control={control}
            name="security"
            select
            label="Security"
            helperText=" "
            sx={{ width: 200, flexShrink: 0 }}
          >
            {(Object.keys(SECURITY_LABELS) as (keyof typeof SECURITY_LABELS)[]).map((k) => (
              <MenuItem key={k} value={k}>
                {SECURITY_LABELS[k]}
              </MenuItem>
            ))}
          </FormTextField>
        </Stack>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
          <FormTextField
            control={control}
            name="username"
            label="Username"
            autoComplete="off"
            helperText=" "
            {...TEXT}
          />
          <Box sx={{ width: '100%' }}>
            <Controller
              control={control}
              name="password"
              render={({ field }) => (
                <SmtpPasswordField
                  stored={settings.passwordStored}
                  change={field.value}
                  onChange={field.onChange}
                  error={(errors.password as { value?: { message?: string } } | undefined)?.value?.message}
                />
              )}
            />
          </Box>
        </Stack>
        {inClear && (
          <Alert severity="warning" sx={{ mb: 2 }}>
            With security None, the password is sent unencrypted: anyone on the network between this computer and{' '}
            {host || 'the server'} can read it. Choose STARTTLS or TLS if the server offers it.
            <Controller
              control={control}
              name="sendPasswordUnencrypted"
              render={({ field, fieldState }) => (
                <>
                  <FormControlLabel
                    sx={{ display: 'flex', mt: 0.5 }}
                    control={
                      <Checkbox
                        size="small"
                        checked={field.value === true}
                        onChange={(e) => field.onChange(e.target.checked)}
                      />
                    }
                    label="Send the password unencrypted anyway"
                  />
                  {fieldState.error && <FormHelperText error>{fieldState.error.message}</FormHelperText>}
                </>
              )}
            />
          </Alert>
        )}
        <Stack direction="row" spacing={2}>
          <FormTextField
            control={control}
            name="fromAddress"
            label="From address"
            placeholder="console@example.com"
            type="email"
            helperText=" "
            {...TEXT}
          />
          <FormTextField control={control} name="fromName" label="From name" helperText=" " {...TEXT} />
        </Stack>
        <Box sx={{ width: 200 }}>
          <FormTextField
            control={control}
            name="timeoutSeconds"
            label="Timeout (seconds)"
            type="number"
            numeric
            helperText=" "
            {...TEXT}
          />
        </Box>
        <Box>
          <Controller
            control={control}
            name="allowUntrustedCertificates"
            render={({ field }) => (
              <FormControlLabel
                control={<Switch checked={field.value} onChange={(e) => field.onChange(e.target.checked)} />}
                label="Allow untrusted certificates"
              />
            )}
          />
          <Typography variant="caption" color="textSecondary" component="p" sx={{ ml: 6, mt: -0.5 }}>
            Only for a server with a private certificate authority. It turns off the check that you are talking to the
            right server.
          </Typography>
        </Box>
        {formError && <Alert severity="error">{formError}</Alert>}
        {check && (
          <Alert severity={check.result === 'ok' ? 'success' : 'error'} role="status">
            {check.message}
          </Alert>
        )}
        <Stack direction="row" spacing={1} sx={{ pt: 1, alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
          <Button type="submit" variant="contained" disabled={!isDirty || !isValid || isSubmitting}>
            Save email settings
          </Button>
          {isDirty && <Button onClick={() => form.reset()}>Discard changes</Button>}
          <Box sx={{ flex: 1 }} />
          <Button
            variant="outlined"
            disabled={!settings.configured || isDirty || checking}
            onClick={() => runCheck(verify)}
          >
            Verify connection
          </Button>
          <Button
            variant="outlined"
            disabled={!settings.configured || isDirty || checking}
            onClick={() => runCheck(sendTest)}
          >
            Send test email
          </Button>
          {checking && <CircularProgress size={20} aria-label="Checking" />}
        </Stack>
        {isDirty && settings.configured && (
          <Typography variant="caption" color="textSecondary">
            Save your changes to verify them.
          </Typography>
        )}
      </Stack>
    </form>
  );
}

export function EmailSection() {
  const smtp = useSmtpSettings();
  return (
    <SettingsSection
      title="Email"
      description="An SMTP server for invite emails. Verify connection checks the saved settings; Send test email mails your operator address."
    >
      {smtp.error && <Alert severity="error">{errorMessage(smtp.error)}</Alert>}
      {smtp.data ? (
        // Saved elsewhere (another window): the form starts again from what is stored.
        <EmailForm key={JSON.stringify(smtp.data)} settings={smtp.data} />
      ) : (
        !smtp.error && <CircularProgress size={24} />
      )}
    </SettingsSection>
  );
}
