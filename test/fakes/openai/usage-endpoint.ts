import type { FastifyInstance } from 'fastify';
import type { FakeAccount } from './accounts';
import type { TokenLedger } from './token-ledger';

/** What `GET /backend-api/wham/usage` answers for one account (reference §9.2, §9.5, §9.7). */
export type UsageScenario =
  | { kind: 'both'; fiveHourUsed: number; weeklyUsed: number }
  | { kind: 'weekly-only'; weeklyUsed: number }
  | { kind: 'monthly'; used: number }
  | { kind: 'exhausted' }
  | { kind: 'no-limits' }
  | { kind: 'status'; status: 403 | 429 | 500; retryAfterSeconds?: number };

const FIVE_HOURS = 18_000;
const WEEK = 604_800;
const MONTH = 2_592_000;

function window(usedPercent: number, seconds: number, now: number) {
  // Resets part-way through the window, consistent with the fake's clock.
  const resetAfter = Math.round(seconds * (1 - usedPercent / 200));
  return {
    used_percent: usedPercent,
    limit_window_seconds: seconds,
    reset_after_seconds: resetAfter,
    reset_at: now + resetAfter,
  };
}

function body(account: FakeAccount, scenario: UsageScenario) {
  const now = Math.floor(Date.now() / 1000);
  const limit = (primary: unknown, secondary: unknown, reached = false) => ({
    allowed: !reached,
    limit_reached: reached,
    primary_window: primary,
    secondary_window: secondary,
  });
  const rateLimit =
    scenario.kind === 'both'
      ? limit(window(scenario.fiveHourUsed, FIVE_HOURS, now), window(scenario.weeklyUsed, WEEK, now))
      : scenario.kind === 'weekly-only'
        ? limit(window(scenario.weeklyUsed, WEEK, now), null)
        : scenario.kind === 'monthly'
          ? limit(window(scenario.used, MONTH, now), null)
          : scenario.kind === 'exhausted'
            ? limit(window(100, FIVE_HOURS, now), window(64, WEEK, now), true)
            : null;
  return {
    user_id: account.userId,
    account_id: account.accountId,
    email: account.email,
    plan_type: account.planType,
    rate_limit: rateLimit,
    code_review_rate_limit: null,
    additional_rate_limits: null,
    credits: {
      has_credits: false,
      unlimited: false,
      balance: '0',
      approx_local_messages: null,
      approx_cloud_messages: null,
    },
    rate_limit_reached_type: scenario.kind === 'exhausted' ? { type: 'rate_limit_reached' } : null,
    rate_limit_reset_credits: { available_count: 0 },
    promo: null,
  };
}

/** The ChatGPT usage endpoint: a Bearer access token issued by the fake, for the account it names. */
export function registerUsageRoutes(app: FastifyInstance, ledger: TokenLedger) {
  const scenarios = new Map<string, UsageScenario>();
  /** Requests being answered right now, and the most there ever were at once. */
  const load = { inFlight: 0, peak: 0, delayMs: 0 };

  app.get('/backend-api/wham/usage', async (req, reply) => {
    load.inFlight++;
    load.peak = Math.max(load.peak, load.inFlight);
    try {
      if (load.delayMs > 0) await new Promise((r) => setTimeout(r, load.delayMs));
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!bearer) return reply.code(401).send({ detail: 'Unauthorized' });
      const who = ledger.bearer(bearer);
      if ('refusal' in who) {
        const message =
          who.refusal === 'token_expired'
            ? 'Provided authentication token is expired. Please try signing in again.'
            : 'Your authentication token has been invalidated. Please try signing in again.';
        return reply
          .code(401)
          .send({ error: { message, type: 'invalid_request_error', code: who.refusal, param: null }, status: 401 });
      }
      const accountHeader = req.headers['chatgpt-account-id'];
      if (accountHeader && accountHeader !== who.account.accountId) {
        return reply.code(403).send({
          error: {
            message: 'Account mismatch',
            type: 'invalid_request_error',
            code: 'account_mismatch',
            param: null,
          },
        });
      }
      const scenario = scenarios.get(who.account.email) ?? { kind: 'both', fiveHourUsed: 27, weeklyUsed: 4 };
      if (scenario.kind === 'status') {
        if (scenario.retryAfterSeconds) reply.header('Retry-After', String(scenario.retryAfterSeconds));
        if (scenario.status === 403)
          return reply.code(403).type('text/html').send('<!doctype html><html><body>Just a moment...</body></html>');
        return reply
          .code(scenario.status)
          .send({ detail: scenario.status === 429 ? 'Too many requests' : 'Internal error' });
      }
      return body(who.account, scenario);
    } finally {
      load.inFlight--;
    }
  });

  return {
    set: (account: FakeAccount, scenario: UsageScenario) => scenarios.set(account.email, scenario),
    load,
  };
}
