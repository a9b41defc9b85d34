import { describe, expect, it } from 'vitest';
import { sameAccount, type AccountIdentity } from '../../../../shared/accounts/same-account';

const ada: AccountIdentity = { accountId: 'acct-team', userId: 'user-ada' };

describe('sameAccount: the one rule for tokens replacing an account’s', () => {
  it.each<[string, AccountIdentity, boolean]>([
    ['the same workspace and user', { accountId: 'acct-team', userId: 'user-ada' }, true],
    ['another user in the same workspace', { accountId: 'acct-team', userId: 'user-bob' }, false],
    ['the same user in another workspace', { accountId: 'acct-personal', userId: 'user-ada' }, false],
    ['no user id', { accountId: 'acct-team', userId: null }, false],
    ['no account id', { accountId: null, userId: 'user-ada' }, false],
    ['neither id', { accountId: null, userId: null }, false],
  ])('%s → %s', (_what, other, expected) => {
    expect(sameAccount(other, ada)).toBe(expected);
    expect(sameAccount(ada, other)).toBe(expected);
  });

  it('never matches two accounts that both lack ids', () => {
    const unknown = { accountId: null, userId: null };
    expect(sameAccount(unknown, unknown)).toBe(false);
  });
});
