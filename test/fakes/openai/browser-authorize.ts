import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { FakeAccount } from './accounts';

/** The two redirect URIs registered for Codex's client (reference §11.2 row 3). */
const REDIRECTS = new Set(['http://localhost:1455/auth/callback', 'http://localhost:1457/auth/callback']);
const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;
const SCOPES = 'openid profile email offline_access api.connectors.read api.connectors.invoke';

interface SignIn {
  redirectUri: string;
  state: string;
  challenge: string;
  used: boolean;
}

interface IssuedCode {
  account: FakeAccount;
  challenge: string;
  redirectUri: string;
  issuedAt: number;
  used: boolean;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:420px;margin:48px auto;padding:0 16px}label{display:block;margin:14px 0 4px}
input{width:100%;padding:8px;font-size:16px;box-sizing:border-box}button{margin-top:18px;margin-right:8px;padding:8px 16px;font-size:15px}</style>
</head><body><h1>${title}</h1>${body}</body></html>`;
}

/**
 * The fake's browser sign-in (reference §11.11): `GET /oauth/authorize` checks the request like
 * Hydra and shows a one-time sign-in page where a test picks the account or denies; the decision
 * redirects to the (unreachable) localhost callback with a code or an error. The
 * `authorization_code` grant for those codes checks client, redirect and PKCE, once, within
 * `codeLifetimeMs`, with Hydra's flat `invalid_grant` bodies.
 */
export function registerBrowserAuthorize(
  app: FastifyInstance,
  deps: { clientId: string; account(email: string): FakeAccount; codeLifetimeMs: () => number },
) {
  const signIns = new Map<string, SignIn>();
  const codes = new Map<string, IssuedCode>();

  app.get('/oauth/authorize', async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    if (q.client_id !== deps.clientId || !REDIRECTS.has(q.redirect_uri ?? '')) {
      // RFC 6749 §4.1.2.1: never redirect to an unverified redirect_uri.
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(page('Invalid request', '<p>Unknown client or redirect.</p>'));
    }
    const back = (params: Record<string, string>) =>
      reply.redirect(`${q.redirect_uri}?${new URLSearchParams({ ...params, ...(q.state ? { state: q.state } : {}) })}`);
    if (q.response_type !== 'code') return back({ error: 'unsupported_response_type' });
    if (!q.state || q.state.length < 8) return back({ error: 'invalid_state' });
    if (q.code_challenge_method !== 'S256' || !CHALLENGE.test(q.code_challenge ?? ''))
      return back({ error: 'invalid_request', error_description: 'PKCE S256 code_challenge required' });
    const id = randomBytes(12).toString('hex');
    signIns.set(id, { redirectUri: q.redirect_uri!, state: q.state, challenge: q.code_challenge!, used: false });
    return reply.type('text/html; charset=utf-8').send(
      page(
        'Sign in to Fake OpenAI',
        `<form method="post" action="/oauth/authorize/decision">
<input type="hidden" name="session" value="${id}">
<label for="email">Account email</label><input id="email" name="email" type="email" required>
<button type="submit" name="decision" value="approve">Continue</button>
<button type="submit" name="decision" value="deny" formnovalidate>Cancel</button></form>`,
      ),
    );
  });

  app.post('/oauth/authorize/decision', async (req, reply) => {
    const form = (req.body ?? {}) as { session?: string; email?: string; decision?: string };
    const signIn = signIns.get(form.session ?? '');
    if (!signIn || signIn.used) {
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(
          page(
            'Route Error (400 Invalid Session)',
            '<p>Your authorization session was not initialized or has expired.</p>',
          ),
        );
    }
    signIn.used = true;
    const back = (params: Record<string, string>) =>
      reply.redirect(`${signIn.redirectUri}?${new URLSearchParams({ ...params, state: signIn.state })}`);
    if (form.decision === 'deny')
      return back({ error: 'access_denied', error_description: 'The user denied the request' });
    const account = deps.account(form.email ?? '');
    if (account.noCodexEntitlement)
      return back({ error: 'access_denied', error_description: 'missing_codex_entitlement' });
    const code = `bc_${randomBytes(24).toString('base64url')}`;
    codes.set(code, {
      account,
      challenge: signIn.challenge,
      redirectUri: signIn.redirectUri,
      issuedAt: Date.now(),
      used: false,
    });
    return back({ code, scope: SCOPES });
  });

  return {
    /** True when this grant is for a browser sign-in (its redirect is a localhost callback). */
    handles: (body: Record<string, string>) => REDIRECTS.has(body.redirect_uri ?? ''),
    /** The `authorization_code` grant for a browser sign-in: the account, or a 400 invalid_grant. */
    exchange(body: Record<string, string>): { account: FakeAccount } | { status: number; body: object } {
      const invalid = (description: string) => ({
        status: 400,
        body: {
          error: 'invalid_grant',
          error_description: `The provided authorization grant is invalid. ${description}`,
        },
      });
      if (body.client_id !== deps.clientId) return { status: 401, body: { error: 'invalid_client' } };
      const code = codes.get(body.code ?? '');
      if (!code) return invalid('The authorization code is unknown.');
      if (code.used) return invalid('The authorization code has already been used.');
      if (Date.now() - code.issuedAt > deps.codeLifetimeMs())
        return invalid(`Authorize code expired at '${new Date(code.issuedAt + deps.codeLifetimeMs()).toISOString()}'.`);
      if (body.redirect_uri !== code.redirectUri)
        return invalid('The "redirect_uri" from this request does not match the one from the authorize request.');
      const verifier = body.code_verifier ?? '';
      if (!VERIFIER.test(verifier) || createHash('sha256').update(verifier).digest('base64url') !== code.challenge)
        return invalid('The PKCE code challenge did not match the code verifier.');
      code.used = true;
      return { account: code.account };
    },
    /**
     * What a person does in the browser, over real HTTP: opens the authorize URL, picks the
     * account (or denies), and ends at the callback URL that fails to load — returned as the
     * address bar would show it.
     */
    async signIn(issuer: string, authorizeUrl: string, who: string | 'deny'): Promise<string> {
      const opened = await fetch(authorizeUrl, { redirect: 'manual' });
      const location = opened.headers.get('location');
      if (location) return location;
      const session = /name="session" value="([0-9a-f]+)"/.exec(await opened.text())?.[1];
      if (!session) throw new Error(`the authorize page answered ${opened.status}`);
      const decided = await fetch(`${issuer}/oauth/authorize/decision`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          session,
          decision: who === 'deny' ? 'deny' : 'approve',
          email: who === 'deny' ? '' : who,
        }),
      });
      const callback = decided.headers.get('location');
      if (!callback) throw new Error(`the sign-in decision answered ${decided.status}`);
      return callback;
    },
  };
}
