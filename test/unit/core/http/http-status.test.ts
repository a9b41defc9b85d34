import { describe, expect, it } from 'vitest';
import { httpStatusFor } from '../../../../electron/core/http/http-status';
import { ERROR_CODES } from '../../../../shared/contract';

describe('HTTP status of an error result', () => {
  it.each(ERROR_CODES.map((code) => [code]))('%s has a status of its own', (code) => {
    const status = httpStatusFor(code);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(600);
    // Only a malformed request is a plain 400: no code falls into it by default.
    expect(status === 400).toBe(code === 'validation_failed');
  });

  it('sends server-side failures as 5xx and the caller’s as 4xx', () => {
    expect(httpStatusFor('internal_error')).toBe(500);
    expect(httpStatusFor('keychain_unavailable')).toBe(503);
    expect(httpStatusFor('openai_unavailable')).toBe(502);
    expect(httpStatusFor('invite_exists')).toBe(409);
    expect(httpStatusFor('not_found')).toBe(404);
  });
});
