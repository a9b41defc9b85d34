import type { UpstreamRow } from '../contract/upstreams';
import { formatDateTime } from './time';

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

export interface CredentialCaption {
  text: string;
  /** The longer sentence, for hover text. */
  hint: string;
  /** The text is a raw reason code (shown in monospace, searchable in logs). */
  code: boolean;
}

/**
 * The line under an account's credential state: the reason code (`refresh_failed: http_503`);
 * for a reused refresh token after an export, the likely story; for a handed-over account, since when.
 */
export function credentialCaption(
  upstream: Pick<UpstreamRow, 'credentialState' | 'credentialReason' | 'lastExportAt' | 'handedOffAt'>,
): CredentialCaption | null {
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
