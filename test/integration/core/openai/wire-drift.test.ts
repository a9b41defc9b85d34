import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exchangeAuthorizationCode,
  OpenAIUnavailable,
  pollDeviceToken,
  requestUserCode,
} from '../../../../electron/core/openai/device-code-client';
import { refreshTokens } from '../../../../electron/core/openai/token-refresh-client';
import { fetchUsage } from '../../../../electron/core/openai/usage-client';

/**
 * OpenAI's endpoints answering 200 with bodies that are not the documented shape (reference §1,
 * §3, §9): what a changed wire format looks like. Each must become a typed failure with a reason
 * for the log, never a TypeError, and never a value taken at face value.
 */
const ANSWERS: Record<string, unknown> = {
  '/api/accounts/deviceauth/usercode': { device_auth_id: 'dev-1', interval: '5' },
  '/api/accounts/deviceauth/token': { authorization_code: 'code-1' },
  '/oauth/token': { id_token: 'not-a-jwt', access_token: 'at', refresh_token: 'rt' },
  '/backend-api/wham/usage': ['not', 'an', 'object'],
};

let server: Server;
let base: string;
let refreshAnswer: unknown = '<html>captive portal</html>';
let refreshing = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '';
    const body = path === '/oauth/token' && refreshing ? refreshAnswer : ANSWERS[path];
    res.writeHead(200, { 'Content-Type': typeof body === 'string' ? 'text/html' : 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('answers that drifted from the documented wire format', () => {
  it('a user code answer without user_code is OpenAIUnavailable, naming the field', async () => {
    const err = await requestUserCode(base).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAIUnavailable);
    expect(err).toMatchObject({ transient: false, status: 200, reason: expect.stringContaining('user_code') });
  });

  it('an approval without the code verifier fails the login instead of exchanging nonsense', async () => {
    expect(await pollDeviceToken(base, { deviceAuthId: 'dev-1', userCode: 'ABCD-EFGHI' })).toEqual({
      kind: 'failed',
      status: 200,
      reason: expect.stringContaining('code_verifier'),
    });
  });

  it('tokens whose id_token is not a readable JWT are OpenAIUnavailable', async () => {
    const err = await exchangeAuthorizationCode(base, { authorizationCode: 'c', codeVerifier: 'v' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OpenAIUnavailable);
    expect((err as OpenAIUnavailable).reason).toContain('id_token');
  });

  it('a refresh answered by an HTML page is transient: it proves nothing about the refresh token', async () => {
    refreshing = true;
    expect(await refreshTokens(base, 'rt_1')).toEqual({
      kind: 'transient',
      reason: 'unreadable_answer',
      retryAfterSeconds: null,
    });
    refreshAnswer = { access_token: 42 };
    expect(await refreshTokens(base, 'rt_1')).toMatchObject({ kind: 'transient', reason: 'unreadable_answer' });
    refreshing = false;
  });

  it('a usage answer that is not an object is a failed read, not an empty reading', async () => {
    expect(await fetchUsage(`${base}/backend-api`, { accessToken: 'at', accountId: 'acct' }, Date.now())).toEqual({
      kind: 'failed',
      reason: 'unreadable',
      retryAfterSeconds: null,
    });
  });
});
