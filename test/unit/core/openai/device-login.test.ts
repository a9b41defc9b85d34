import { describe, expect, it } from 'vitest';
import { codeRetryDelaySeconds, nextStep } from '../../../../electron/core/openai/device-login';
import { OpenAIUnavailable, parseInterval } from '../../../../electron/core/openai/device-code-client';
import { parseRetryAfter } from '../../../../electron/core/openai/openai-http';

const NOW = 1_000_000;
const session = { intervalSeconds: 5, transientFailures: 0 };

describe('polling rules (SPEC §5)', () => {
  it('reads the interval as a string or a number, defaulting to 5', () => {
    expect(parseInterval('5')).toBe(5);
    expect(parseInterval(' 7 ')).toBe(7);
    expect(parseInterval(3)).toBe(3);
    expect(parseInterval('0')).toBe(5);
    expect(parseInterval(-2)).toBe(5);
    expect(parseInterval(undefined)).toBe(5);
    expect(parseInterval('soon')).toBe(5);
    expect(parseInterval('600')).toBe(60);
  });

  it('polls again after the interval while pending', () => {
    expect(nextStep({ kind: 'pending' }, session, NOW)).toEqual({
      kind: 'poll',
      intervalSeconds: 5,
      at: NOW + 5000,
      transientFailures: 0,
    });
  });

  it('adds 5 s for slow_down or 429, keeps it, and honours a longer Retry-After', () => {
    expect(nextStep({ kind: 'slow_down', retryAfterSeconds: null }, session, NOW)).toEqual({
      kind: 'poll',
      intervalSeconds: 10,
      at: NOW + 10_000,
      transientFailures: 0,
    });
    expect(nextStep({ kind: 'slow_down', retryAfterSeconds: 30 }, { ...session, intervalSeconds: 10 }, NOW)).toEqual({
      kind: 'poll',
      intervalSeconds: 15,
      at: NOW + 30_000,
      transientFailures: 0,
    });
  });

  it('backs off on 5xx and network faults: interval, then doubling, capped at a minute', () => {
    const waits = [0, 1, 2, 3, 4, 5].map(
      (failures) =>
        (
          nextStep(
            { kind: 'transient', retryAfterSeconds: null },
            { intervalSeconds: 5, transientFailures: failures },
            NOW,
          ) as { at: number }
        ).at - NOW,
    );
    expect(waits).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000]);
    expect(nextStep({ kind: 'transient', retryAfterSeconds: 90 }, session, NOW)).toMatchObject({
      at: NOW + 90_000,
      transientFailures: 1,
    });
    expect(nextStep({ kind: 'pending' }, { intervalSeconds: 5, transientFailures: 3 }, NOW)).toMatchObject({
      transientFailures: 0,
    });
  });

  it('stops for an expired code, a denial or an unexpected answer', () => {
    expect(nextStep({ kind: 'expired' }, session, NOW)).toEqual({ kind: 'stop', failure: 'code_expired' });
    expect(nextStep({ kind: 'denied' }, session, NOW)).toEqual({ kind: 'stop', failure: 'denied' });
    expect(nextStep({ kind: 'failed', status: 418, reason: 'http_418' }, session, NOW)).toEqual({
      kind: 'stop',
      failure: 'openai_unavailable',
    });
    expect(nextStep({ kind: 'authorized', authorizationCode: 'a', codeVerifier: 'v' }, session, NOW)).toEqual({
      kind: 'authorized',
    });
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('7')).toBe(7);
    expect(parseRetryAfter(new Date(NOW + 12_000).toUTCString(), NOW)).toBe(12);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('later')).toBeNull();
  });

  it('retries a code request on 429 or an outage, honouring a short Retry-After, three tries in all', () => {
    const limited = (seconds: number | null) => new OpenAIUnavailable(true, 429, null, seconds);
    expect(codeRetryDelaySeconds(limited(1), 1)).toBe(1);
    expect(codeRetryDelaySeconds(limited(1), 2)).toBe(1);
    expect(codeRetryDelaySeconds(limited(1), 3)).toBeNull();
    expect(codeRetryDelaySeconds(limited(null), 1)).toBe(1);
    expect(codeRetryDelaySeconds(limited(null), 2)).toBe(2);
    expect(codeRetryDelaySeconds(new OpenAIUnavailable(true, null), 1)).toBe(1);
    // Too long to keep the person waiting, not transient, or not OpenAI at all: no retry.
    expect(codeRetryDelaySeconds(limited(60), 1)).toBeNull();
    expect(codeRetryDelaySeconds(new OpenAIUnavailable(false, 404), 1)).toBeNull();
    expect(codeRetryDelaySeconds(new Error('bug'), 1)).toBeNull();
  });
});
