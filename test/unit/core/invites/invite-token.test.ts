import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashInviteToken, inviteUrl, mintInviteToken } from '../../../../electron/core/invites/invite-token';

describe('invite tokens', () => {
  it('are 32 random bytes as unpadded base64url, stored only as their SHA-256', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const { token, hash } = mintInviteToken();
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(hash).toEqual(createHash('sha256').update(token).digest());
      expect(hashInviteToken(token)).toEqual(hash);
      seen.add(token);
    }
    expect(seen.size).toBe(200);
  });

  it('build the URL from the public URL, with or without a trailing slash', () => {
    expect(inviteUrl('http://127.0.0.1:7420', 'abc')).toBe('http://127.0.0.1:7420/onboarding/invites/abc');
    expect(inviteUrl('https://pool.example.com/', 'abc')).toBe('https://pool.example.com/onboarding/invites/abc');
    expect(inviteUrl('https://example.com/pooler//', 'abc')).toBe('https://example.com/pooler/onboarding/invites/abc');
  });
});
