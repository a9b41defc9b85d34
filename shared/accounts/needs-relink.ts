/** Transient refresh failures in a row after which an account is treated as needing its owner. */
export const RELINK_AFTER_FAILURES = 3;

interface CredentialFacts {
  credentialState: string;
  refreshFailures: number;
  handedOff: boolean;
}

/**
 * Whether an account needs its owner to sign in again: its refresh token is dead
 * (`reauth_required`), refreshes kept failing past their retries, or it was handed over and the
 * console no longer refreshes it. These are the accounts a relink link is for.
 */
export function needsRelink(account: CredentialFacts): boolean {
  return (
    account.handedOff ||
    account.credentialState === 'reauth_required' ||
    (account.credentialState === 'refresh_failed' && account.refreshFailures >= RELINK_AFTER_FAILURES)
  );
}
