import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BROWSER_REDIRECT_URI, startBrowserAttempt } from '../../../../electron/core/openai/browser-sign-in';

describe('a browser sign-in attempt (reference §11.2–§11.3)', () => {
  it('makes an 86-character verifier, its S256 challenge and a 43-character state, fresh each time', () => {
    const a = startBrowserAttempt('https://auth.openai.com');
    const b = startBrowserAttempt('https://auth.openai.com');
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(a.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(b.verifier).not.toBe(a.verifier);
    expect(b.state).not.toBe(a.state);
    const params = new URL(a.authorizeUrl).searchParams;
    expect(params.get('code_challenge')).toBe(createHash('sha256').update(a.verifier).digest('base64url'));
    expect(a.authorizeUrl).not.toContain(a.verifier);
  });

  it('builds the authorize URL with Codex’s parameters, in Codex’s order, percent-encoded', () => {
    const { authorizeUrl, state } = startBrowserAttempt('https://auth.openai.com');
    const [base, query] = authorizeUrl.split('?') as [string, string];
    expect(base).toBe('https://auth.openai.com/oauth/authorize');
    expect(query.split('&').map((p) => p.split('=')[0])).toEqual([
      'response_type',
      'client_id',
      'redirect_uri',
      'scope',
      'code_challenge',
      'code_challenge_method',
      'id_token_add_organizations',
      'codex_cli_simplified_flow',
      'state',
      'originator',
      'prompt',
    ]);
    expect(query).toContain('redirect_uri=http%3A%2F%2Flocalhost%3A1455%2Fauth%2Fcallback');
    expect(query).toContain(
      'scope=openid%20profile%20email%20offline_access%20api.connectors.read%20api.connectors.invoke',
    );
    const params = new URL(authorizeUrl).searchParams;
    expect(Object.fromEntries(params)).toMatchObject({
      response_type: 'code',
      client_id: 'app_EMoamEEZ73f0CkXaXp7hrann',
      redirect_uri: BROWSER_REDIRECT_URI,
      code_challenge_method: 'S256',
      state,
      originator: 'codex_cli_rs',
    });
  });
});
