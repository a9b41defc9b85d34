import { Chip, Stack, Typography } from '@mui/material';
import type { CredentialState } from '../../../../shared/contract';

export const CREDENTIAL_LABELS: Record<CredentialState, string> = {
  ready: 'Ready',
  refresh_due: 'Refresh due',
  refresh_failed: 'Refresh failed',
  reauth_required: 'Needs relink',
  pending: 'Pending',
};

const COLORS: Record<CredentialState, 'success' | 'info' | 'warning' | 'error' | 'default'> = {
  ready: 'success',
  refresh_due: 'info',
  refresh_failed: 'warning',
  reauth_required: 'error',
  pending: 'default',
};

/** What a reason code means to an operator; the code itself stays visible for searching logs. */
const REASONS: Record<string, string> = {
  refresh_token_expired: 'the refresh token expired',
  refresh_token_reused: 'the refresh token was used elsewhere',
  refresh_token_invalidated: 'the refresh token was revoked',
  invalid_grant: 'OpenAI refused the refresh token',
  unauthorized: 'OpenAI refused the refresh token',
  refresh_interrupted: 'a refresh was cut off by a restart',
  account_mismatch: 'OpenAI answered for another account',
  network: 'OpenAI could not be reached',
  rate_limited: 'OpenAI asked to slow down',
};

export function reasonText(reason: string): string {
  return REASONS[reason] ?? (/^http_5\d\d$/.test(reason) ? 'OpenAI had an error' : reason);
}

/** The credential state, and under it the reason code (`refresh_failed: http_503`). */
export function CredentialChip({ state, reason }: { state: CredentialState; reason: string | null }) {
  return (
    <Stack spacing={0.25} sx={{ alignItems: 'flex-start' }}>
      <Chip
        size="small"
        label={CREDENTIAL_LABELS[state]}
        color={COLORS[state]}
        variant={state === 'refresh_due' ? 'outlined' : 'filled'}
      />
      {reason && (state === 'refresh_failed' || state === 'reauth_required') && (
        <Typography
          variant="caption"
          color="text.secondary"
          title={reasonText(reason)}
          sx={{ fontFamily: 'monospace', fontSize: 11, overflowWrap: 'anywhere' }}
        >
          {state}: {reason}
        </Typography>
      )}
    </Stack>
  );
}
