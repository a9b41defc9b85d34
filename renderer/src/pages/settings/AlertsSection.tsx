import {
  Button,
  FormControlLabel,
  FormGroup,
  InputAdornment,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { ALERT_KINDS, alertSettingsSchema, type AlertKind, type AlertSettings } from '../../../../shared/contract';
import { errorMessage } from '../../api/api-error';
import { useCall } from '../../api/mutations';
import { useNotify } from '../../components/Notifier';
import { SettingsSection } from '../../components/SettingsSection';

const LABELS: Record<AlertKind, string> = {
  invite_accepted: 'An invite was accepted',
  relink_needed: 'An account needs relinking',
  relink_completed: 'A relink completed',
  pool_no_ready: 'A Pool has no ready account',
  pool_capacity_low: 'A Pool is running low on capacity',
  pool_capacity_recovered: 'A Pool has capacity again',
};

/** The browser console's permission for desktop notifications (the desktop app has its own). */
function usePermission() {
  const supported = !window.pooler && typeof Notification !== 'undefined';
  const [permission, setPermission] = useState(supported ? Notification.permission : 'denied');
  const ask = () => void Notification.requestPermission().then(setPermission);
  return { supported, permission, ask };
}

/** Settings → Alerts: which alerts are raised, and when a Pool counts as running low. */
export function AlertsSection({ alerts }: { alerts: AlertSettings }) {
  const notify = useNotify();
  const save = useCall('settings.updateAlerts');
  const [threshold, setThreshold] = useState(String(alerts.capacityThresholdPercent));
  const parsed = alertSettingsSchema.shape.capacityThresholdPercent.safeParse(Number(threshold));
  const thresholdError = threshold.trim() === '' ? 'Enter a percentage.' : (parsed.error?.issues[0]?.message ?? null);
  // Shown switched at once; a refusal puts the stored settings back.
  const [shown, setShown] = useState(alerts);
  const store = (next: AlertSettings) => {
    setShown(next);
    save.mutate(next, {
      onError: (err) => {
        setShown(alerts);
        notify(errorMessage(err), 'error');
      },
    });
  };
  const web = usePermission();
  return (
    <SettingsSection
      title="Alerts"
      description="Shown as desktop notifications and as notices in the console; bursts come as one notification naming the count. Every alert is also in the audit log."
    >
      <FormGroup aria-label="Alerts">
        {ALERT_KINDS.map((kind) => (
          <FormControlLabel
            key={kind}
            control={
              <Switch
                size="small"
                checked={shown.enabled[kind]}
                onChange={(e) => store({ ...shown, enabled: { ...shown.enabled, [kind]: e.target.checked } })}
              />
            }
            label={LABELS[kind]}
          />
        ))}
      </FormGroup>
      <Stack direction="row" spacing={1.5} sx={{ mt: 2.5, alignItems: 'flex-start' }}>
        <TextField
          size="small"
          label="Running low below"
          value={threshold}
          onChange={(e) => setThreshold(e.target.value)}
          error={thresholdError !== null}
          helperText={thresholdError ?? 'Percent left in the best 5-hour window of a Pool’s ready accounts.'}
          sx={{ width: 360 }}
          slotProps={{
            htmlInput: { inputMode: 'numeric', maxLength: 3, 'aria-label': 'Running low below (percent)' },
            input: { endAdornment: <InputAdornment position="end">%</InputAdornment> },
          }}
        />
        <Button
          variant="outlined"
          sx={{ mt: 0.25 }}
          disabled={thresholdError !== null || Number(threshold) === shown.capacityThresholdPercent || save.isPending}
          onClick={() => store({ ...shown, capacityThresholdPercent: Number(threshold) })}
        >
          Save
        </Button>
      </Stack>
      {web.supported && (
        <Stack direction="row" spacing={1.5} sx={{ mt: 2.5, alignItems: 'center' }}>
          <Typography variant="body2" color="textSecondary" sx={{ flex: 1 }}>
            {web.permission === 'granted'
              ? 'This browser shows the alerts as desktop notifications.'
              : web.permission === 'denied'
                ? 'This browser blocks notifications for the console: alerts show as notices here. Allow them in the browser’s site settings.'
                : 'Alerts show as notices in this tab. Allow desktop notifications to see them while the tab is in the background.'}
          </Typography>
          {web.permission === 'default' && (
            <Button variant="outlined" onClick={web.ask}>
              Allow desktop notifications
            </Button>
          )}
        </Stack>
      )}
    </SettingsSection>
  );
}
