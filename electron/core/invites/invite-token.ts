import { createHash, randomBytes } from 'node:crypto';

/** 32 CSPRNG bytes, base64url without padding: 43 characters of [A-Za-z0-9_-]. */
export function mintInviteToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashInviteToken(token) };
}

export function hashInviteToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** `{public_url}/onboarding/invites/{token}`. */
export function inviteUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/onboarding/invites/${token}`;
}
