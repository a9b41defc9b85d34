import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  exchangeAuthorizationCode,
  OpenAIUnavailable,
  pollDeviceToken,
  requestUserCode,
} from '../../../../electron/core/openai/device-code-client';
import { accessTokenExpiry, accountClaims } from '../../../../electron/core/openai/token-claims';
import { startFakeOpenAI, type FakeOpenAI } from '../../../fakes/openai/fake-openai-server';
import { freePort } from '../../../support/free-port';

let fake: FakeOpenAI;
beforeEach(async () => {
  fake = await startFakeOpenAI();
});
afterEach(() => fake.close());

describe('device-code client against the fake OpenAI', () => {
  it('requests a user code with only the client id, and reads the string interval', async () => {
    const code = await requestUserCode(fake.issuer);
    expect(code).toMatchObject({ userCode: expect.stringMatching(/^[A-Z0-9]{4}-[A-Z0-9]{5}$/), intervalSeconds: 5 });
    expect(code.expiresAt - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(fake.requests[0]).toMatchObject({
      path: '/api/accounts/deviceauth/usercode',
      body: { client_id: 'app_EMoamEEZ73f0CkXaXp7hrann' },
      contentType: 'application/json',
    });
  });

  it('classifies usercode failures: 404 is unavailable, 429 and 5xx are transient', async () => {
    for (const [mode, transient] of [
      ['404', false],
      ['429', true],
      ['500', true],
    ] as const) {
      fake.switches.usercode = mode;
      const err = await requestUserCode(fake.issuer).catch((e: unknown) => e);
      expect(err, mode).toBeInstanceOf(OpenAIUnavailable);
      expect((err as OpenAIUnavailable).transient, mode).toBe(transient);
      expect((err as OpenAIUnavailable).retryAfterSeconds, mode).toBe(mode === '429' ? 2 : null);
    }
    const down = await requestUserCode(`http://127.0.0.1:${await freePort()}`).catch((e: unknown) => e);
    expect(down).toMatchObject({ transient: true, status: null });
  });

  it('polls pending (403), slow_down, 429 with Retry-After, 5xx, then authorized', async () => {
    const code = await requestUserCode(fake.issuer);
    const device = { deviceAuthId: code.deviceAuthId, userCode: code.userCode };
    expect(await pollDeviceToken(fake.issuer, device)).toEqual({ kind: 'pending' });
    fake.switches.slowDownPolls = 1;
    expect(await pollDeviceToken(fake.issuer, device)).toEqual({ kind: 'slow_down', retryAfterSeconds: null });
    fake.switches.rateLimitedPolls = 1;
    expect(await pollDeviceToken(fake.issuer, device)).toEqual({ kind: 'slow_down', retryAfterSeconds: 2 });
    fake.switches.failingPolls = 1;
    expect(await pollDeviceToken(fake.issuer, device)).toEqual({ kind: 'transient', retryAfterSeconds: null });
    expect(fake.approve(code.userCode, 'bob@example.com')).toBe('approved');
    const authorized = await pollDeviceToken(fake.issuer, device);
    expect(authorized).toMatchObject({
      kind: 'authorized',
      authorizationCode: expect.any(String),
      codeVerifier: expect.any(String),
    });
    const poll = fake.requests.find((r) => r.path === '/api/accounts/deviceauth/token');
    expect(poll?.body).toEqual({ device_auth_id: device.deviceAuthId, user_code: device.userCode });
  });

  it('treats an unknown code (404) as pending, and stops on expiry and on both styles of denial', async () => {
    expect(await pollDeviceToken(fake.issuer, { deviceAuthId: 'nope', userCode: 'NOPE-NOPE1' })).toEqual({
      kind: 'pending',
    });
    const expiring = await requestUserCode(fake.issuer);
    fake.expire(expiring.userCode);
    expect(await pollDeviceToken(fake.issuer, expiring)).toEqual({ kind: 'expired' });
    fake.switches.expiredStatus = 404;
    expect(await pollDeviceToken(fake.issuer, expiring)).toEqual({ kind: 'expired' });
    for (const denial of ['access_denied', 'authorization_declined'] as const) {
      fake.switches.denial = denial;
      const denied = await requestUserCode(fake.issuer);
      fake.deny(denied.userCode);
      expect(await pollDeviceToken(fake.issuer, denied), denial).toEqual({ kind: 'denied' });
    }
  });

  it('stays pending for an account whose device code authorization is off', async () => {
    fake.registerAccount({ email: 'locked@example.com', deviceAuthDisabled: true });
    const code = await requestUserCode(fake.issuer);
    expect(fake.approve(code.userCode, 'locked@example.com')).toBe('device_auth_disabled');
    expect(await pollDeviceToken(fake.issuer, code)).toEqual({ kind: 'pending' });
  });

  it('exchanges the code with the server-issued verifier, form-encoded, and decodes the claims', async () => {
    fake.registerAccount({ email: 'bob@example.com', planType: 'pro' });
    const code = await requestUserCode(fake.issuer);
    fake.approve(code.userCode, 'Bob@Example.com');
    const grant = (await pollDeviceToken(fake.issuer, code)) as { authorizationCode: string; codeVerifier: string };
    const tokens = await exchangeAuthorizationCode(fake.issuer, grant);
    const exchange = fake.requests.find((r) => r.path === '/oauth/token')!;
    expect(exchange.contentType).toBe('application/x-www-form-urlencoded');
    expect(exchange.body).toEqual({
      grant_type: 'authorization_code',
      code: grant.authorizationCode,
      redirect_uri: `${fake.issuer}/deviceauth/callback`,
      client_id: 'app_EMoamEEZ73f0CkXaXp7hrann',
      code_verifier: grant.codeVerifier,
    });
    // The JWTs are unpadded base64url, as Codex requires.
    for (const jwt of [tokens.idToken, tokens.accessToken]) expect(jwt.split('.')[1]).not.toContain('=');
    expect(accountClaims(tokens.idToken)).toEqual({
      email: 'bob@example.com',
      accountId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      userId: expect.stringMatching(/^user-/),
      planType: 'pro',
    });
    expect(accessTokenExpiry(tokens.accessToken)! - Date.now()).toBeGreaterThan(9 * 86_400_000);
    // A code works once.
    await expect(exchangeAuthorizationCode(fake.issuer, grant)).rejects.toBeInstanceOf(OpenAIUnavailable);
    // A wrong verifier fails PKCE.
    const again = await requestUserCode(fake.issuer);
    fake.approve(again.userCode, 'bob@example.com');
    const grant2 = (await pollDeviceToken(fake.issuer, again)) as { authorizationCode: string; codeVerifier: string };
    const wrong = createHash('sha256').update('x').digest('base64url');
    await expect(exchangeAuthorizationCode(fake.issuer, { ...grant2, codeVerifier: wrong })).rejects.toMatchObject({
      status: 400,
    });
  });
});
