import { describe, expect, it } from 'vitest';
import { formatRelative } from '../../../../shared/format/time';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const S = 1000;

describe('formatRelative', () => {
  it.each([
    [0, 'just now'],
    [-59 * S, 'just now'],
    [-60 * S, '1 minute ago'],
    [-5 * 60 * S, '5 minutes ago'],
    [-3600 * S, '1 hour ago'],
    [-24 * 3600 * S, 'yesterday'],
    [3 * 24 * 3600 * S, 'in 3 days'],
    [-14 * 24 * 3600 * S, '2 weeks ago'],
  ])('%d ms from now reads %j', (offset, expected) => {
    expect(formatRelative(NOW + offset, NOW)).toBe(expected);
  });
});
