import { createHash } from 'node:crypto';

export interface FakeAccount {
  email: string;
  accountId: string;
  userId: string;
  planType: string;
  /** ChatGPT → Settings → Security → device code authorization switched off: approval never completes. */
  deviceAuthDisabled: boolean;
  /** The browser sign-in ends with `access_denied` / `missing_codex_entitlement` (reference §11.4). */
  noCodexEntitlement: boolean;
}

function hex(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

/** A stable account for an email unless one was registered: same email, same ChatGPT account. */
export function defaultAccount(email: string): FakeAccount {
  const h = hex(email.trim().toLowerCase());
  return {
    email: email.trim().toLowerCase(),
    accountId: `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`,
    userId: `user-${h.slice(32, 56)}`,
    planType: 'plus',
    deviceAuthDisabled: false,
    noCodexEntitlement: false,
  };
}
