import { Chip, FormControlLabel, Link, Radio, RadioGroup, Stack, Typography } from '@mui/material';
import type { OnboardingSettings, TunnelProgram } from '../../../../../shared/contract';

const ABOUT: Record<TunnelProgram, string> = {
  cloudflared: 'Cloudflare quick tunnel: no account needed; a new address each time it starts.',
  ngrok: 'Needs a free ngrok account (authtoken); keeps one address. Browsers see an ngrok notice first.',
  tailscale: 'Tailscale Funnel: needs Funnel enabled for your tailnet; the address is this machine’s name.',
};

/** The tunnel programs this machine has, with versions; a missing one links to its install page. */
export function TunnelChoice({
  tunnels,
  value,
  onChange,
  disabled,
}: {
  tunnels: OnboardingSettings['tunnels'];
  value: TunnelProgram;
  onChange: (program: TunnelProgram) => void;
  disabled: boolean;
}) {
  return (
    <RadioGroup
      aria-label="Tunnel program"
      value={value}
      onChange={(e) => onChange(e.target.value as TunnelProgram)}
      sx={{ gap: 1 }}
    >
      {tunnels.map((t) => (
        <Stack key={t.program} direction="row" spacing={1.5} sx={{ alignItems: 'flex-start' }}>
          <FormControlLabel
            value={t.program}
            disabled={disabled || !t.path}
            control={<Radio size="small" />}
            sx={{ mr: 0, minWidth: 132 }}
            label={t.program}
          />
          <Stack spacing={0.25} sx={{ pt: 1, minWidth: 0 }}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
              {t.path ? (
                <Chip
                  size="small"
                  color="success"
                  variant="outlined"
                  label={t.version ? `v${t.version}` : 'installed'}
                />
              ) : (
                <Chip size="small" variant="outlined" label="not installed" />
              )}
              {!t.path && (
                <Link href={t.installUrl} target="_blank" rel="noreferrer" variant="body2">
                  How to install {t.program}
                </Link>
              )}
            </Stack>
            <Typography variant="body2" color="textSecondary">
              {ABOUT[t.program]}
            </Typography>
            {t.path && (
              <Typography variant="caption" color="textSecondary" sx={{ wordBreak: 'break-all' }}>
                {t.path}
              </Typography>
            )}
          </Stack>
        </Stack>
      ))}
    </RadioGroup>
  );
}
