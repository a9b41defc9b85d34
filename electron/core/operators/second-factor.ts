import { createHash, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verifySync } from 'otplib';

/** Codes a step either side of now are taken: an authenticator's clock may be 30 s off. */
const TOLERANCE_SECONDS = 30;
const RECOVERY_CODES = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A fresh TOTP secret (base32, 160 bits as RFC 4226 recommends) and the URI an authenticator app scans. */
export function newTotp(email: string): { secret: string; uri: string } {
  return totpFor(email, generateSecret({ length: 20 }));
}

/** The secret with the URI an authenticator app scans for it. */
export function totpFor(email: string, secret: string): { secret: string; uri: string } {
  return { secret, uri: generateURI({ secret, issuer: 'Pooler Console', label: email }) };
}

/**
 * The time step a six-digit code matched, or null. `after` is the last step accepted for this
 * operator: a code (or an older one) is never taken twice, so a code seen over a shoulder or in
 * a log is worth nothing once used.
 */
export function verifyTotp(secret: string, code: string, nowMs: number, after: number | null): number | null {
  const result = verifySync({
    secret,
    token: code,
    epoch: Math.floor(nowMs / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(after === null ? {} : { afterTimeStep: after }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** Ten one-time recovery codes (xxxxx-xxxxx, about 49 bits each), shown once; only digests are kept. */
export function newRecoveryCodes(): { codes: string[]; digests: string[] } {
  const codes = Array.from({ length: RECOVERY_CODES }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
  return { codes, digests: codes.map(recoveryDigest) };
}

export function recoveryDigest(code: string): string {
  return createHash('sha256').update(code.trim().toLowerCase(), 'utf8').digest('hex');
}
