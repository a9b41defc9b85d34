import { createHash, randomBytes } from 'node:crypto';
import { parse as parseQuery } from 'node:querystring';
import Fastify, { type FastifyReply } from 'fastify';
import { defaultAccount, type FakeAccount } from './accounts';
import { CLIENT_ID } from './jwt';
import { createTokenLedger, type RefreshFailure } from './token-ledger';
import { registerBrowserAuthorize } from './browser-authorize';
import { registerUsageRoutes, type UsageScenario } from './usage-endpoint';
import { verificationPage } from './verification-page';

type CodeState = 'pending' | 'approved' | 'denied' | 'consumed';

interface DeviceCode {
  deviceAuthId: string;
  userCode: string;
  expiresAt: number;
  state: CodeState;
  account: FakeAccount | null;
  authorizationCode: string | null;
  verifier: string | null;
  challenge: string | null;
}

/** Behaviour switches; tests flip them to walk the client through each case. */
export interface FakeSwitches {
  /** The `interval` the usercode answer carries (always sent as a string, like the real server). */
  interval: string;
  codeLifetimeSeconds: number;
  accessTokenLifetimeSeconds: number;
  /** How the usercode endpoint answers: normally, 404 (device login off server-wide), 429 or 500. */
  usercode: 'ok' | '404' | '429' | '500';
  /** The next N usercode requests answer 429 with Retry-After (a brief rate limit, reference §1.1). */
  rateLimitedCodes: number;
  /** The next N polls answer `slow_down` (400). */
  slowDownPolls: number;
  /** The next N polls answer 429 with Retry-After. */
  rateLimitedPolls: number;
  retryAfterSeconds: number;
  /** The next N polls answer 503. */
  failingPolls: number;
  /** Expired codes answer 403 (like a pending one, but with an expiry code) or 404. */
  expiredStatus: 403 | 404;
  /** How a denial reads: RFC-style access_denied (400) or Codex's authorization_declined (401). */
  denial: 'access_denied' | 'authorization_declined';
  /** How the next refreshes answer: normally, or with one of the failures of reference §3.3. */
  refreshFailure: RefreshFailure | null;
  /** How long a browser sign-in's authorization code can be exchanged (reference §11.8: 10 minutes). */
  browserCodeLifetimeSeconds: number;
  /** Refresh answers carry no new refresh token (the response's fields are all optional). */
  refreshKeepsRefreshToken: boolean;
}

const DEFAULT_SWITCHES: FakeSwitches = {
  interval: '5',
  codeLifetimeSeconds: 900,
  accessTokenLifetimeSeconds: 864_000,
  usercode: 'ok',
  rateLimitedCodes: 0,
  slowDownPolls: 0,
  rateLimitedPolls: 0,
  retryAfterSeconds: 2,
  failingPolls: 0,
  expiredStatus: 403,
  denial: 'access_denied',
  refreshFailure: null,
  browserCodeLifetimeSeconds: 600,
  refreshKeepsRefreshToken: false,
};

const PENDING = {
  error: {
    message: 'Device authorization is pending. Please try again.',
    type: 'invalid_request_error',
    code: 'deviceauth_authorization_pending',
  },
};
const EXPIRED = {
  error: {
    message: 'Device authorization code has expired. Please request a new code.',
    type: 'invalid_request_error',
    code: 'deviceauth_expired',
  },
};

function userCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const pick = (n: number) => Array.from(randomBytes(n), (b) => alphabet[b % alphabet.length]).join('');
  return `${pick(4)}-${pick(5)}`;
}

export interface FakeOpenAI {
  /** The issuer URL to point the console at (POOLER_OPENAI_ISSUER). */
  issuer: string;
  switches: FakeSwitches;
  /** Every request the fake received, in order: path, parsed body, and when it arrived (Unix ms). */
  requests: { method: string; path: string; body: unknown; contentType: string | undefined; at: number }[];
  /** Every token set /oauth/token handed out, newest last, for tests that look for leaks. */
  issuedTokens: { idToken: string; accessToken: string; refreshToken: string }[];
  registerAccount(account: Partial<FakeAccount> & { email: string }): FakeAccount;
  approve(userCode: string, email: string): 'approved' | 'device_auth_disabled' | 'unknown_code';
  deny(userCode: string): void;
  expire(userCode: string): void;
  /** The user code of the newest device code, for tests that do not read it off a page. */
  latestUserCode(): string | null;
  /** The ChatGPT API base to point the console at (POOLER_CHATGPT_BASE_URL). */
  chatgptBaseUrl: string;
  /** What the usage endpoint answers for an account (default: both windows, lightly used). */
  setUsage(email: string, scenario: UsageScenario): void;
  /** Usage requests in flight now, the most ever at once, and an artificial answer delay. */
  usageLoad: { inFlight: number; peak: number; delayMs: number };
  /** Every refresh token of the account stops working (as after a password change). */
  invalidateRefreshTokens(email: string): void;
  /** The account's access tokens expire now (the usage endpoint then answers 401 token_expired). */
  expireAccessTokens(email: string): void;
  /** A fresh token set for an account, as `codex login` would have stored it: for auth.json imports. */
  mintTokens(email: string): { idToken: string; accessToken: string; refreshToken: string; accountId: string };
  /**
   * A person signing in through the browser (reference §11): opens the authorize URL, picks the
   * account or denies, and ends at the localhost callback URL that fails to load, returned as the
   * address bar would show it (over real HTTP).
   */
  signInBrowser(authorizeUrl: string, who: string | 'deny'): Promise<string>;
  close(): Promise<void>;
}

/**
 * A fake of auth.openai.com (device code, code exchange, refresh) and of ChatGPT's usage endpoint,
 * over real HTTP, faithful to reference/openai-protocols.md §1–§3 and §9.
 */
export async function startFakeOpenAI(
  options: { port?: number; switches?: Partial<FakeSwitches> } = {},
): Promise<FakeOpenAI> {
  const switches: FakeSwitches = { ...DEFAULT_SWITCHES, ...options.switches };
  const codes = new Map<string, DeviceCode>();
  const accounts = new Map<string, FakeAccount>();
  const requests: FakeOpenAI['requests'] = [];
  const issuedTokens: FakeOpenAI['issuedTokens'] = [];
  const app = Fastify({ logger: false });
  let issuer = '';

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, parseQuery(body as string)),
  );
  app.addHook('preHandler', async (req) => {
    requests.push({
      method: req.method,
      path: req.url,
      body: req.body,
      contentType: req.headers['content-type'],
      at: Date.now(),
    });
  });

  const account = (email: string) => accounts.get(email.trim().toLowerCase()) ?? defaultAccount(email);
  const byUserCode = (code: string) => [...codes.values()].find((c) => c.userCode === code.trim().toUpperCase());
  const expired = (code: DeviceCode) => Date.now() >= code.expiresAt;

  function approve(code: DeviceCode, email: string): 'approved' | 'device_auth_disabled' {
    const who = account(email);
    if (who.deviceAuthDisabled) return 'device_auth_disabled';
    const verifier = randomBytes(32).toString('base64url');
    Object.assign(code, {
      state: 'approved',
      account: who,
      authorizationCode: `ac_${randomBytes(16).toString('hex')}`,
      verifier,
      challenge: createHash('sha256').update(verifier).digest('base64url'),
    });
    return 'approved';
  }

  app.post('/api/accounts/deviceauth/usercode', async (req, reply) => {
    if (switches.usercode === '404')
      return reply.code(404).send({ error: { message: 'Not found', code: 'not_found' } });
    if (switches.rateLimitedCodes > 0) {
      switches.rateLimitedCodes--;
      return reply.code(429).header('Retry-After', String(switches.retryAfterSeconds)).send({ error: 'rate_limited' });
    }
    if (switches.usercode === '429')
      return reply.code(429).header('Retry-After', String(switches.retryAfterSeconds)).send({ error: 'rate_limited' });
    if (switches.usercode === '500') return reply.code(500).send({ error: 'server_error' });
    if ((req.body as { client_id?: string } | undefined)?.client_id !== CLIENT_ID)
      return reply.code(400).send({ error: 'invalid_client' });
    const code: DeviceCode = {
      deviceAuthId: `deviceauth_${randomBytes(12).toString('hex')}`,
      userCode: userCode(),
      expiresAt: Date.now() + switches.codeLifetimeSeconds * 1000,
      state: 'pending',
      account: null,
      authorizationCode: null,
      verifier: null,
      challenge: null,
    };
    codes.set(code.deviceAuthId, code);
    return {
      device_auth_id: code.deviceAuthId,
      user_code: code.userCode,
      interval: switches.interval,
      expires_at: new Date(code.expiresAt).toISOString(),
    };
  });

  app.post('/api/accounts/deviceauth/token', async (req, reply: FastifyReply) => {
    const body = (req.body ?? {}) as { device_auth_id?: string; user_code?: string };
    if (switches.failingPolls > 0) {
      switches.failingPolls--;
      return reply.code(503).send({ error: 'service_unavailable' });
    }
    if (switches.rateLimitedPolls > 0) {
      switches.rateLimitedPolls--;
      return reply.code(429).header('Retry-After', String(switches.retryAfterSeconds)).send({ error: 'rate_limited' });
    }
    if (switches.slowDownPolls > 0) {
      switches.slowDownPolls--;
      return reply.code(400).send({ error: 'slow_down' });
    }
    const code = body.device_auth_id ? codes.get(body.device_auth_id) : undefined;
    if (!code || code.userCode !== body.user_code)
      return reply.code(404).send({ error: { message: 'Unknown device code', code: 'deviceauth_not_found' } });
    if (code.state === 'denied') {
      return switches.denial === 'access_denied'
        ? reply.code(400).send({ error: 'access_denied', error_description: 'The user denied the request.' })
        : reply.code(401).send({ error: 'authorization_declined', error_description: 'Denied' });
    }
    if (code.state !== 'approved' && expired(code)) return reply.code(switches.expiredStatus).send(EXPIRED);
    if (code.state === 'pending' || code.state === 'consumed') return reply.code(403).send(PENDING);
    return { authorization_code: code.authorizationCode, code_challenge: code.challenge, code_verifier: code.verifier };
  });

  const ledger = createTokenLedger(() => issuer, switches);
  /** A successful code exchange: fresh tokens for the account (reference §1.4, §11.5). */
  function tokenAnswer(who: FakeAccount) {
    const tokens = ledger.issue(who);
    issuedTokens.push(tokens);
    return {
      id_token: tokens.idToken,
      access_token: tokens.accessToken,
      refresh_token: tokens.refreshToken,
      expires_in: switches.accessTokenLifetimeSeconds,
      token_type: 'Bearer',
      scope: 'openid profile email offline_access',
    };
  }
  const browser = registerBrowserAuthorize(app, {
    clientId: CLIENT_ID,
    account,
    codeLifetimeMs: () => switches.browserCodeLifetimeSeconds * 1000,
  });

  app.post('/oauth/token', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, string>;
    if (body.grant_type === 'refresh_token') {
      if (body.client_id !== CLIENT_ID) return reply.code(401).send({ error: 'invalid_client' });
      const answer = ledger.refresh(body.refresh_token ?? '');
      if (answer.tokens) issuedTokens.push(answer.tokens);
      return reply.code(answer.status).send(answer.body);
    }
    if (body.grant_type !== 'authorization_code') return reply.code(400).send({ error: 'unsupported_grant_type' });
    if (browser.handles(body)) {
      const answer = browser.exchange(body);
      if (!('account' in answer)) return reply.code(answer.status).send(answer.body);
      return tokenAnswer(answer.account);
    }
    const code = [...codes.values()].find((c) => c.authorizationCode && c.authorizationCode === body.code);
    const invalid = (why: string) => reply.code(400).send({ error: 'invalid_grant', error_description: why });
    if (!code || code.state !== 'approved' || !code.account)
      return invalid('The authorization code is invalid or was already used.');
    if (body.client_id !== CLIENT_ID) return reply.code(401).send({ error: 'invalid_client' });
    if (body.redirect_uri !== `${issuer}/deviceauth/callback`) return invalid('redirect_uri mismatch');
    if (
      createHash('sha256')
        .update(body.code_verifier ?? '')
        .digest('base64url') !== code.challenge
    )
      return invalid('PKCE verification failed');
    code.state = 'consumed';
    return tokenAnswer(code.account);
  });

  app.get('/codex/device', async (_req, reply) => reply.type('text/html; charset=utf-8').send(verificationPage(null)));
  app.post('/codex/device', async (req, reply) => {
    const form = (req.body ?? {}) as { user_code?: string; email?: string; decision?: string };
    const code = byUserCode(form.user_code ?? '');
    let message: string;
    if (!code || expired(code)) message = 'That code is not valid or has expired.';
    else if (form.decision === 'deny') {
      code.state = 'denied';
      message = 'Denied. You can close this page.';
    } else {
      message =
        approve(code, form.email ?? '') === 'approved'
          ? 'Approved. Return to the app; it continues by itself.'
          : 'Enable device code authorization for Codex in ChatGPT Security Settings, then start again.';
    }
    return reply.type('text/html; charset=utf-8').send(verificationPage(message));
  });

  const usage = registerUsageRoutes(app, ledger);

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  issuer = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

  return {
    issuer,
    switches,
    requests,
    issuedTokens,
    registerAccount(partial) {
      const full = { ...defaultAccount(partial.email), ...partial, email: partial.email.trim().toLowerCase() };
      accounts.set(full.email, full);
      return full;
    },
    approve(userCodeValue, email) {
      const code = byUserCode(userCodeValue);
      return code ? approve(code, email) : 'unknown_code';
    },
    deny(userCodeValue) {
      const code = byUserCode(userCodeValue);
      if (code) code.state = 'denied';
    },
    expire(userCodeValue) {
      const code = byUserCode(userCodeValue);
      if (code) code.expiresAt = Date.now();
    },
    latestUserCode: () => [...codes.values()].at(-1)?.userCode ?? null,
    chatgptBaseUrl: `${issuer}/backend-api`,
    setUsage: (email, scenario) => usage.set(account(email), scenario),
    usageLoad: usage.load,
    invalidateRefreshTokens: (email) => ledger.invalidate(account(email).email),
    signInBrowser: (authorizeUrl, who) => browser.signIn(issuer, authorizeUrl, who),
    expireAccessTokens: (email) => ledger.expireAccess(account(email).email),
    mintTokens(email) {
      const who = account(email);
      const tokens = ledger.issue(who);
      issuedTokens.push(tokens);
      return { ...tokens, accountId: who.accountId };
    },
    close: () => app.close(),
  };
}
