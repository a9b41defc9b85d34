import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DATA_KEY_BYTES, open, seal } from '../../../../electron/core/secrets/secret-box';

const key = randomBytes(DATA_KEY_BYTES);

describe('secret box (AES-256-GCM)', () => {
  it('round-trips and never contains the plaintext', () => {
    const blob = seal(key, 'smtp.password', 'hunter2-correct-horse');
    expect(blob.includes(Buffer.from('hunter2'))).toBe(false);
    expect(open(key, 'smtp.password', blob)).toBe('hunter2-correct-horse');
  });

  it('uses a fresh IV each time', () => {
    expect(seal(key, 'p', 'same').equals(seal(key, 'p', 'same'))).toBe(false);
  });

  it('refuses a tampered value, the wrong purpose, and the wrong key', () => {
    const blob = seal(key, 'upstream.refresh_token', 'rt-secret');
    const tampered = Buffer.from(blob);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => open(key, 'upstream.refresh_token', tampered)).toThrow();
    expect(() => open(key, 'smtp.password', blob)).toThrow();
    expect(() => open(randomBytes(DATA_KEY_BYTES), 'upstream.refresh_token', blob)).toThrow();
    expect(() => open(key, 'upstream.refresh_token', blob.subarray(0, 10))).toThrow(/unknown format/);
  });
});
