import { createHash, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/open-database';
import type { Secrets } from '../secrets/secrets';

interface AttemptRow {
  invite_id: string;
  token_hash: Buffer;
  state_hash: Buffer;
  verifier: Buffer;
  status: 'pending' | 'exchanging' | 'done' | 'failed';
  created_at: number;
  expires_at: number;
}

const VERIFIER_PURPOSE = (inviteId: string) => `browser-attempt:${inviteId}:verifier`;
const hash = (state: string) => createHash('sha256').update(state).digest();

/** Browser sign-in attempts in SQLite: the PKCE verifier sealed, the state only as its hash. */
export function createBrowserAttempts(db: Db, secrets: Secrets, now: () => number) {
  const statements = {
    put: db.prepare(
      `INSERT INTO browser_attempts (invite_id, token_hash, state_hash, verifier, status, created_at, expires_at)
       VALUES (@inviteId, @tokenHash, @stateHash, @verifier, 'pending', @now, @expiresAt)
       ON CONFLICT (invite_id) DO UPDATE SET token_hash = excluded.token_hash, state_hash = excluded.state_hash,
         verifier = excluded.verifier, status = 'pending', created_at = excluded.created_at, expires_at = excluded.expires_at`,
    ),
    get: db.prepare<[string], AttemptRow>('SELECT * FROM browser_attempts WHERE invite_id = ?'),
    claim: db.prepare(
      "UPDATE browser_attempts SET status = 'exchanging' WHERE invite_id = ? AND status = 'pending' AND expires_at > ?",
    ),
    end: db.prepare('UPDATE browser_attempts SET status = ? WHERE invite_id = ?'),
    sweep: db.prepare("DELETE FROM browser_attempts WHERE expires_at < ? AND status != 'exchanging'"),
  };

  return {
    /** Starts (or replaces) the invite's attempt. */
    start(input: { inviteId: string; tokenHash: Buffer; state: string; verifier: string; expiresAt: number }) {
      statements.put.run({
        inviteId: input.inviteId,
        tokenHash: input.tokenHash,
        stateHash: hash(input.state),
        verifier: secrets.seal(VERIFIER_PURPOSE(input.inviteId), input.verifier),
        now: now(),
        expiresAt: input.expiresAt,
      });
    },

    /** The invite's live attempt under this token: pending, unexpired; or why there is none. */
    live(inviteId: string, tokenHash: Buffer): { attempt: AttemptRow } | { missing: 'no_attempt' | 'attempt_expired' } {
      const attempt = statements.get.get(inviteId);
      if (!attempt || !attempt.token_hash.equals(tokenHash) || attempt.status === 'done')
        return { missing: 'no_attempt' };
      if (attempt.status !== 'pending' || attempt.expires_at <= now()) return { missing: 'attempt_expired' };
      return { attempt };
    },

    /** Whether a pasted state is this attempt's (compared as hashes, in constant time). */
    stateMatches: (attempt: AttemptRow, state: string) => timingSafeEqual(attempt.state_hash, hash(state)),

    /**
     * Takes the attempt for its one exchange: a code is exchanged at most once (a replayed code
     * revokes what the first exchange issued, reference §11.7). False if another paste took it.
     */
    claim: (inviteId: string) => statements.claim.run(inviteId, now()).changes > 0,

    verifier: (attempt: AttemptRow) => secrets.open(VERIFIER_PURPOSE(attempt.invite_id), attempt.verifier),

    end: (inviteId: string, status: 'done' | 'failed') => void statements.end.run(status, inviteId),

    /** Deletes attempts past their expiry: their verifiers are useless by then. */
    sweep: () => statements.sweep.run(now()).changes,
  };
}

export type BrowserAttempts = ReturnType<typeof createBrowserAttempts>;
