import { describe, expect, it } from 'vitest';
import { classifyRefreshFailure } from '../../../../electron/core/openai/token-refresh-client';
import { parseUsage, usageUrl } from '../../../../electron/core/openai/usage-client';
import { retryDelay } from '../../../../electron/core/upstreams/token-refresher';
import { displayedState } from '../../../../electron/core/upstreams/upstreams-query';
import { QUOTA_STALE_MS, quotaFreshness, quotaWindowLabel } from '../../../../shared/format/quota-window';

describe('quota window labels: by length, within ±5 %', () => {
  it.each([
    [18_000, '5h'],
    [17_200, '5h'],
    [18_900, '5h'],
    [86_400, 'Daily'],
    [604_800, 'Weekly'],
    [2_592_000, 'Monthly'],
    [31_536_000, 'Annual'],
    [16_000, '4h'],
    [1_800, '30 min'],
    [259_200, '3 days'],
  ])('%i seconds → %s', (seconds, label) => expect(quotaWindowLabel(seconds)).toBe(label));
});

describe('quota freshness', () => {
  const now = 1_800_000_000_000;
  it('is unknown before the first reading, fresh up to 15 minutes, stale after', () => {
    expect(quotaFreshness(null, now)).toBe('unknown');
    expect(quotaFreshness(now - QUOTA_STALE_MS, now)).toBe('fresh');
    expect(quotaFreshness(now - QUOTA_STALE_MS - 1, now)).toBe('stale');
  });
});

describe('usage payloads (reference §9.2)', () => {
  const at = 1_780_000_000_000;
  const window = (used: number, seconds: number, extra: Record<string, unknown> = {}) => ({
    used_percent: used,
    limit_window_seconds: seconds,
    reset_after_seconds: 60,
    reset_at: 1_780_000_600,
    ...extra,
  });

  it('orders windows by length whatever their slot, and takes reset_at in seconds', () => {
    const usage = parseUsage(
      {
        plan_type: 'plus',
        rate_limit: {
          allowed: true,
          limit_reached: false,
          primary_window: window(4, 604_800),
          secondary_window: window(27, 18_000),
        },
      },
      at,
    );
    expect(usage?.windows).toEqual([
      { seconds: 18_000, usedPercent: 27, resetAt: 1_780_000_600_000 },
      { seconds: 604_800, usedPercent: 4, resetAt: 1_780_000_600_000 },
    ]);
    expect(usage?.planType).toBe('plus');
  });

  it('falls back to reset_after_seconds, and drops windows outside 0–100 % or without a length', () => {
    const usage = parseUsage(
      {
        plan_type: 'free',
        rate_limit: {
          primary_window: window(12, 604_800, { reset_at: undefined }),
          secondary_window: window(140, 18_000),
        },
      },
      at,
    );
    expect(usage?.windows).toEqual([{ seconds: 604_800, usedPercent: 12, resetAt: at + 60_000 }]);
    expect(parseUsage({ rate_limit: { primary_window: window(5, 0) } }, at)?.windows).toEqual([]);
  });

  it('reads limit reached from either flag, and survives rate_limit null', () => {
    expect(parseUsage({ rate_limit: { allowed: false, limit_reached: false } }, at)?.limitReached).toBe(true);
    expect(parseUsage({ rate_limit: { allowed: true, limit_reached: true } }, at)?.limitReached).toBe(true);
    expect(parseUsage({ plan_type: 'plus', rate_limit: null }, at)).toEqual({
      kind: 'usage',
      windows: [],
      limitReached: false,
      planType: 'plus',
    });
  });

  it('picks the path style from the base URL', () => {
    expect(usageUrl('https://chatgpt.com/backend-api')).toBe('https://chatgpt.com/backend-api/wham/usage');
    expect(usageUrl('http://127.0.0.1:9000')).toBe('http://127.0.0.1:9000/api/codex/usage');
  });
});

describe('refresh failures (reference §3.3)', () => {
  it.each([
    [401, { error: { code: 'refresh_token_reused' } }, true, 'refresh_token_reused'],
    [400, { error: 'refresh_token_expired' }, true, 'refresh_token_expired'],
    [403, { code: 'REFRESH_TOKEN_INVALIDATED' }, true, 'refresh_token_invalidated'],
    [401, { error: { message: 'nope' } }, true, 'unauthorized'],
    [400, { error: 'invalid_grant' }, true, 'invalid_grant'],
    [400, { error: 'invalid_request' }, false, 'http_400'],
    [429, {}, false, 'rate_limited'],
    [503, 'Service Unavailable', false, 'http_503'],
  ] as const)('%i %j → permanent %s (%s)', (status, body, permanent, reason) => {
    expect(classifyRefreshFailure(status, body)).toEqual({ permanent, reason });
  });

  it('backs off 1, 2, 4… minutes up to 30, or longer when the server asks', () => {
    expect([1, 2, 3, 6, 10].map((n) => retryDelay(n, null) / 60_000)).toEqual([1, 2, 4, 30, 30]);
    expect(retryDelay(1, 300)).toBe(300_000);
  });
});

describe('displayed credential state', () => {
  const now = 1_800_000_000_000;
  const state = (
    credential_state: 'ready' | 'reauth_required' | 'refresh_failed',
    access_token_expires_at: number | null,
    handed_off_at: number | null = null,
  ) => displayedState({ credential_state, access_token_expires_at, handed_off_at }, now);
  it('shows ready as refresh_due within 5 minutes of expiry, and leaves other states alone', () => {
    expect(state('ready', now + 6 * 60_000)).toBe('ready');
    expect(state('ready', now + 5 * 60_000)).toBe('refresh_due');
    expect(state('ready', null)).toBe('ready');
    expect(state('reauth_required', now)).toBe('reauth_required');
  });
  it('shows a handed-over account as handed_off, whatever its last refresh said', () => {
    expect(state('ready', now + 6 * 60_000, now - 1000)).toBe('handed_off');
    expect(state('refresh_failed', null, now - 1000)).toBe('handed_off');
  });
});
