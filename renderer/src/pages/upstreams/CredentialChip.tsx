import { Chip, Stack, Typography } from '@mui/material';
import type { CredentialState, UpstreamRow } from '../../../../shared/contract';
import { credentialCaption } from '../../../../shared/format/credential-caption';

export const CREDENTIAL_LABELS: Record<CredentialState, string> = {
  ready: 'Ready',
  refresh_due: 'Refresh due',
  refresh_failed: 'Refresh failed',
  reauth_required: 'Needs relink',
  pending: 'Pending',
  handed_off: 'Handed over',
};

const COLORS: Record<CredentialState, 'success' | 'info' | 'warning' | 'error' | 'default'> = {
  ready: 'success',
  refresh_due: 'info',
  refresh_failed: 'warning',
  reauth_required: 'error',
  pending: 'default',
  handed_off: 'default',
};

/** The credential state, and under it what went wrong (see `credentialCaption`). */
export function CredentialChip({ upstream }: { upstream: UpstreamRow }) {
  const state = upstream.credentialState;
  const caption = credentialCaption(upstream);
  return (
    <Stack spacing={0.25} sx={{ alignItems: 'flex-start' }}>
      <Chip
        size="small"
        label={CREDENTIAL_LABELS[state]}
        color={COLORS[state]}
        variant={state === 'refresh_due' ? 'outlined' : 'filled'}
      />
      {caption && (
        <Typography
          variant="caption"
          color="textSecondary"
          title={caption.hint}
          sx={{ fontFamily: caption.code ? 'monospace' : undefined, fontSize: 11, overflowWrap: 'anywhere' }}
        >
          {caption.text}
        </Typography>
      )}
    </Stack>
  );
}
