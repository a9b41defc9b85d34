import {
  Alert,
  Box,
  Button,
  Chip,
  FormControlLabel,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  Typography,
} from '@mui/material';
import { useRef } from 'react';
import { useWatch } from 'react-hook-form';
import {
  onboardingChannels,
  type InputOf,
  type OnboardingSettings,
  type Reach,
  type ReachMode,
  type RuntimeSetting,
} from '../../../../shared/contract';
import { REACH_MODE_LABELS } from '../../../../shared/format/audit-sentence';
import { useCall } from '../../api/mutations';
import { FormTextField } from '../../components/forms/FormTextField';
import { useContractForm } from '../../components/forms/use-contract-form';
import { useNotify } from '../../components/Notifier';
import { SettingsSection } from '../../components/SettingsSection';
import { ReachStatus } from './reach/ReachStatus';
import { TunnelChoice } from './reach/TunnelChoice';

type Draft = InputOf<'onboarding.update'>;

const MODE_HINTS: Record<ReachMode, string> = {
  local: 'Links open only on this computer (127.0.0.1): for trying things out.',
  network: 'Computers on the same network open links at one of this machine’s addresses.',
  tunnel: 'A tunnel program gives this console a public https address, so anyone with a link can open it.',
  proxy: 'Your own https address (a reverse proxy or port forward) that forwards to this console.',
};

/** Each mode's values as first shown: the saved ones for the saved mode, sensible ones otherwise. */
function startingValues(s: OnboardingSettings): Record<ReachMode, Reach> {
  const installed = s.tunnels.find((t) => t.path)?.program ?? 'cloudflared';
  const starting: Record<ReachMode, Reach> = {
    local: { mode: 'local' },
    network: { mode: 'network', address: s.addresses[0]?.address ?? '' },
    tunnel: { mode: 'tunnel', program: installed, path: '' },
    proxy: { mode: 'proxy', publicUrl: '', trustedProxy: '', listenOn: '' },
  };
  return { ...starting, [s.reach.mode]: s.reach };
}

const TUNNEL_SEVERITY = { up: 'success', starting: 'info', failed: 'error', stopped: 'info' } as const;

/** The running tunnel: starting, up at its address, or failed with its last words. */
function TunnelStateLine({ tunnel }: { tunnel: NonNullable<OnboardingSettings['tunnel']> }) {
  const text =
    tunnel.state === 'up'
      ? `${tunnel.program} is up at ${tunnel.url ?? ''}.`
      : tunnel.state === 'starting'
        ? (tunnel.message ?? `${tunnel.program} is starting…`)
        : tunnel.state === 'failed'
          ? `${tunnel.program} failed: ${tunnel.message ?? 'no reason given'}`
          : `${tunnel.program} is stopped.`;
  return (
    <Alert severity={TUNNEL_SEVERITY[tunnel.state]} role="status" aria-label="Tunnel">
      {text}
    </Alert>
  );
}

function sourceNote(setting: RuntimeSetting) {
  return setting.source === 'environment' ? (
    <Chip key={setting.env} size="small" color="primary" variant="outlined" label={`set by ${setting.env}`} />
  ) : null;
}

function ReachForm({ settings }: { settings: OnboardingSettings }) {
  const notify = useNotify();
  const save = useCall('onboarding.update');
  const remembered = useRef(startingValues(settings));
  const { form, formError, submitWith } = useContractForm(onboardingChannels['onboarding.update'].input, {
    port: Number(settings.port.value),
    reach: settings.reach,
  } satisfies Draft);
  const reach = useWatch({ control: form.control, name: 'reach' }) as Reach;
  const { isDirty, isValid, isSubmitting } = form.formState;
  const pinned = settings.host.source === 'environment' || settings.publicUrl.source === 'environment';

  const choose = (mode: ReachMode) => {
    remembered.current[reach.mode] = reach;
    form.setValue('reach', remembered.current[mode], { shouldDirty: true, shouldValidate: true });
  };
  const submit = submitWith(async (input) => {
    const saved = await save.mutateAsync(input);
    const listening = saved.status.state === 'listening';
    notify(
      listening ? 'Invite links are served the new way.' : 'Saved, but the listener did not start.',
      listening ? 'success' : 'error',
    );
  });
  const addressItems = settings.addresses.map((a) => (
    <MenuItem key={a.address} value={a.address}>
      {a.address} ({a.interface}, {a.family})
    </MenuItem>
  ));

  const modeDetails = (
    <>
      {reach.mode === 'network' &&
        (settings.addresses.length === 0 ? (
          <Alert severity="warning">This machine has no network address other than 127.0.0.1 right now.</Alert>
        ) : (
          <FormTextField
            control={form.control}
            name="reach.address"
            label="Address invitees use"
            select
            helperText="The listener binds this address only."
            fullWidth
          >
            {addressItems}
          </FormTextField>
        ))}

      {reach.mode === 'tunnel' && (
        <Stack spacing={1.5}>
          <TunnelChoice
            tunnels={settings.tunnels}
            value={reach.program}
            disabled={isSubmitting}
            onChange={(program) =>
              form.setValue('reach', { ...reach, program, path: '' }, { shouldDirty: true, shouldValidate: true })
            }
          />
          <FormTextField
            control={form.control}
            name="reach.path"
            label={`Path to ${reach.program} (optional)`}
            placeholder={
              settings.tunnels.find((t) => t.program === reach.program)?.path ?? `/usr/local/bin/${reach.program}`
            }
            helperText="Leave empty to use the one found on PATH."
            fullWidth
            slotProps={{ inputLabel: { shrink: true } }}
          />
          {settings.tunnel && <TunnelStateLine tunnel={settings.tunnel} />}
          <Typography variant="body2" color="textSecondary">
            Only the invite pages and their updates go through the tunnel, never this console. The tunnel runs while
            Pooler Console runs, and stops with it.
          </Typography>
        </Stack>
      )}

      {reach.mode === 'proxy' && (
        <Stack spacing={1.5}>
          <FormTextField
            control={form.control}
            name="reach.publicUrl"
            label="Public URL of invite links"
            placeholder="https://invites.example.com"
            helperText="The https address that forwards to this console’s invite listener."
            fullWidth
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
            <FormTextField
              control={form.control}
              name="reach.trustedProxy"
              label="Trusted proxy address (optional)"
              placeholder="127.0.0.1"
              helperText="Its X-Forwarded-For names the invitee for rate limits; no one else’s is believed."
              fullWidth
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <FormTextField
              control={form.control}
              name="reach.listenOn"
              label="Listen on"
              select
              helperText="Where the proxy connects; 127.0.0.1 for a proxy on this machine."
              sx={{ width: 280, flexShrink: 0 }}
              slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
            >
              <MenuItem value="">127.0.0.1 (this machine)</MenuItem>
              {addressItems}
            </FormTextField>
          </Stack>
        </Stack>
      )}
    </>
  );

  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      <Stack spacing={2} sx={{ maxWidth: 720 }}>
        <ReachStatus settings={settings} />
        <RadioGroup aria-label="How invitees reach this console" value={reach.mode} sx={{ gap: 0.5 }}>
          {(Object.keys(MODE_HINTS) as ReachMode[]).map((mode) => (
            <Box key={mode}>
              <FormControlLabel
                value={mode}
                disabled={pinned || isSubmitting}
                control={<Radio onChange={() => choose(mode)} />}
                label={<Typography sx={{ fontWeight: 500 }}>{REACH_MODE_LABELS[mode]}</Typography>}
              />
              <Typography variant="body2" color="textSecondary" sx={{ ml: 4, mt: -0.5 }}>
                {MODE_HINTS[mode]}
              </Typography>
              {reach.mode === mode && mode !== 'local' && <Box sx={{ ml: 4, mt: 1.5, mb: 1 }}>{modeDetails}</Box>}
            </Box>
          ))}
        </RadioGroup>

        <Box sx={{ width: 160 }}>
          <FormTextField
            control={form.control}
            name="port"
            label="Port"
            type="number"
            numeric
            disabled={settings.port.source === 'environment' || isSubmitting}
            fullWidth
          />
        </Box>
        {(pinned || settings.port.source === 'environment') && (
          <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
            {[settings.host, settings.port, settings.publicUrl].map(sourceNote)}
          </Stack>
        )}
        {formError && <Alert severity="error">{formError}</Alert>}
        <Stack direction="row" spacing={1}>
          <Button type="submit" variant="contained" disabled={!isDirty || !isValid || isSubmitting}>
            {isSubmitting && reach.mode === 'tunnel'
              ? `Starting ${reach.program}…`
              : reach.mode === 'tunnel'
                ? 'Start tunnel and save'
                : 'Save and restart listener'}
          </Button>
          {isDirty && !isSubmitting && (
            <Button
              onClick={() => {
                remembered.current = startingValues(settings);
                form.reset();
              }}
            >
              Discard changes
            </Button>
          )}
        </Stack>
      </Stack>
    </form>
  );
}

export function OnboardingSection({ settings }: { settings: OnboardingSettings }) {
  return (
    <SettingsSection
      title="How invitees reach this console"
      description="Invitees open their one-time link on this console’s own small web server, which serves only the invite pages."
    >
      <ReachForm key={JSON.stringify({ reach: settings.reach, port: settings.port })} settings={settings} />
    </SettingsSection>
  );
}
