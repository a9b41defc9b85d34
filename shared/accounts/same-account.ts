/** What identifies one ChatGPT account: the workspace (account id) and the person in it (user id). */
export interface AccountIdentity {
  accountId: string | null;
  userId: string | null;
}

/**
 * The one rule for "is this the same account?", used wherever tokens are about to replace an
 * account's: a refresh answer, a relink, an import. A workspace holds many users and a user may
 * sit in many workspaces, so both ids must be known and equal; an email address alone never is.
 */
export function sameAccount(a: AccountIdentity, b: AccountIdentity): boolean {
  return a.accountId !== null && a.userId !== null && a.accountId === b.accountId && a.userId === b.userId;
}
