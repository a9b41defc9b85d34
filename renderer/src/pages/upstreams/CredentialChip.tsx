import { Chip, Stack, Typography } from '@mui/material';
import type { CredentialState, UpstreamRow } from '../../../../shared/contract';
import { formatDateTime } from '../../../../shared/format/time';

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

/**
 * What the line under the chip says: the reason code (`refresh_failed: http_503`); for a reused
 * refresh token after an export, the likely story; for a handed-over account, since when.
 */
export function credentialCaption(
  upstream: Pick<UpstreamRow, 'credentialState' | 'credentialReason' | 'lastExportAt' | 'handedOffAt'>,
): { text: string; hint: string; code: boolean } | null {
  const { credentialState: state, credentialReason: reason } = upstream;
  if (state === 'handed_off' && upstream.handedOffAt !== null) {
    const since = `Handed over on ${formatDateTime(upstream.handedOffAt)}`;
    return {
      text: since,
      hint: `${since}: the console no longer refreshes it. Relink it to use it here again.`,
      code: false,
    };
  }
  if (!reason || (state !== 'refresh_failed' && state !== 'reauth_required')) return null;
  if (reason === 'refresh_token_reused' && upstream.lastExportAt !== null) {
    const text = `Probably used elsewhere after the export on ${formatDateTime(upstream.lastExportAt)}`;
    return { text, hint: `${text} (refresh_token_reused).`, code: false };
  }
  return { text: `${state}: ${reason}`, hint: reasonText(reason), code: true };
}

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
          color="text.secondary"
          title={caption.hint}
          sx={{ fontFamily: caption.code ? 'monospace' : undefined, fontSize: 11, overflowWrap: 'anywhere' }}
        >
          {caption.text}
        </Typography>
      )}
    </Stack>
  );
}
