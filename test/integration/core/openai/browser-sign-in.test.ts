import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserAttempt, BROWSER_REDIRECT_URI } from '../../../../electron/core/openai/browser-sign-in';
import { parseCallbackPaste } from '../../../../electron/core/openai/callback-paste';
import { exchangeAuthorizationCode, OpenAIUnavailable } from '../../../../electron/core/openai/device-code-client';
import { accountClaims } from '../../../../electron/core/openai/token-claims';
import { startFakeOpenAI, type FakeOpenAI } from '../../../fakes/openai/fake-openai-server';

let fake: FakeOpenAI;
beforeEach(async () => {
  fake = await startFakeOpenAI();
});
afterEach(() => fake.close());

/** A sign-in as the invitee does it, ending in the pasted address: the code and state it carries. */
async function signIn(who: string | 'deny') {
  const attempt = startBrowserAttempt(fake.issuer);
  const pasted = parseCallbackPaste(await fake.signInBrowser(attempt.authorizeUrl, who));
  return { attempt, pasted };
}

const exchange = (code: string, verifier: string, redirectUri = BROWSER_REDIRECT_URI) =>
  exchangeAuthorizationCode(fake.issuer, { authorizationCode: code, codeVerifier: verifier, redirectUri });

async function refusal(promise: Promise<unknown>) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OpenAIUnavailable);
  return err as OpenAIUnavailable;
}

describe('browser sign-in against the fake (reference §11) over real HTTP', () => {
  it('signs in, lands on the localhost callback with the state, and exchanges the code with the verifier', async () => {
    const { attempt, pasted } = await signIn('ada@example.com');
    expect(pasted).toEqual({ kind: 'code', code: expect.stringMatching(/^bc_/), state: attempt.state });
    if (pasted.kind !== 'code') throw new Error('no code');
    const tokens = await exchange(pasted.code, attempt.verifier);
    expect(accountClaims(tokens.idToken).email).toBe('ada@example.com');
    const sent = fake.requests.find((r) => r.path === '/oauth/token')!;
    expect(sent.contentType).toBe('application/x-www-form-urlencoded');
    expect(Object.keys(sent.body as object)).toEqual([
      'grant_type',
      'code',
      'redirect_uri',
      'client_id',
      'code_verifier',
    ]);
  });

  it('refuses a code twice, with another verifier or redirect, and once expired', async () => {
    const first = await signIn('ada@example.com');
    if (first.pasted.kind !== 'code') throw new Error('no code');
    expect((await refusal(exchange(first.pasted.code, startBrowserAttempt(fake.issuer).verifier))).status).toBe(400);
    expect(
      (await refusal(exchange(first.pasted.code, first.attempt.verifier, 'http://localhost:1457/auth/callback')))
        .status,
    ).toBe(400);
    await exchange(first.pasted.code, first.attempt.verifier);
    expect((await refusal(exchange(first.pasted.code, first.attempt.verifier))).status).toBe(400);

    fake.switches.browserCodeLifetimeSeconds = 0;
    const late = await signIn('ada@example.com');
    if (late.pasted.kind !== 'code') throw new Error('no code');
    await new Promise((r) => setTimeout(r, 5));
    expect((await refusal(exchange(late.pasted.code, late.attempt.verifier))).status).toBe(400);
  });

  it('says denied, and no Codex entitlement, through the callback with the state', async () => {
    const denied = await signIn('deny');
    expect(denied.pasted).toEqual({
      kind: 'error',
      error: 'access_denied',
      description: 'The user denied the request',
      state: denied.attempt.state,
    });
    fake.registerAccount({ email: 'nocodex@example.com', noCodexEntitlement: true });
    expect((await signIn('nocodex@example.com')).pasted).toMatchObject({
      kind: 'error',
      error: 'access_denied',
      description: 'missing_codex_entitlement',
    });
  });

  it('works for an account whose device-code login is off (reference §6.2)', async () => {
    fake.registerAccount({ email: 'ws@example.com', deviceAuthDisabled: true });
    const { attempt, pasted } = await signIn('ws@example.com');
    if (pasted.kind !== 'code') throw new Error('no code');
    expect(accountClaims((await exchange(pasted.code, attempt.verifier)).idToken).email).toBe('ws@example.com');
  });

  it('never redirects to an unregistered callback, and redirects request faults with an error', async () => {
    const { authorizeUrl } = startBrowserAttempt(fake.issuer);
    const elsewhere = authorizeUrl.replace(
      encodeURIComponent(BROWSER_REDIRECT_URI),
      encodeURIComponent('https://evil.example/cb'),
    );
    const refused = await fetch(elsewhere, { redirect: 'manual' });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('location')).toBeNull();
    const plain = authorizeUrl.replace('code_challenge_method=S256', 'code_challenge_method=plain');
    const faulted = await fetch(plain, { redirect: 'manual' });
    expect(new URL(faulted.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
  });
});
