import { createHash, timingSafeEqual } from 'node:crypto';
import type { SqlDatabase } from '../db/sql/sql-database';
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

/** Browser sign-in attempts in the database: the PKCE verifier sealed, the state only as its hash. */
export function createBrowserAttempts(db: SqlDatabase, secrets: Secrets, now: () => number) {
  const attempts = () => db.q().updateTable('browser_attempts');
  return {
    /** Starts (or replaces) the invite's attempt. */
    async start(input: { inviteId: string; tokenHash: Buffer; state: string; verifier: string; expiresAt: number }) {
      const row = {
        token_hash: input.tokenHash,
        state_hash: hash(input.state),
        verifier: secrets.seal(VERIFIER_PURPOSE(input.inviteId), input.verifier),
        status: 'pending',
        created_at: now(),
        expires_at: input.expiresAt,
      };
      await db
        .q()
        .insertInto('browser_attempts')
        .values({ invite_id: input.inviteId, ...row })
        .onConflict((c) => c.column('invite_id').doUpdateSet(row))
        .execute();
    },

    /** The invite's live attempt under this token: pending, unexpired; or why there is none. */
    async live(
      inviteId: string,
      tokenHash: Buffer,
    ): Promise<{ attempt: AttemptRow } | { missing: 'no_attempt' | 'attempt_expired' }> {
      const attempt = (await db
        .q()
        .selectFrom('browser_attempts')
        .selectAll()
        .where('invite_id', '=', inviteId)
        .executeTakeFirst()) as AttemptRow | undefined;
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
    claim: async (inviteId: string) => {
      const result = await attempts()
        .set({ status: 'exchanging' })
        .where('invite_id', '=', inviteId)
        .where('status', '=', 'pending')
        .where('expires_at', '>', now())
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    verifier: (attempt: AttemptRow) => secrets.open(VERIFIER_PURPOSE(attempt.invite_id), attempt.verifier),

    end: async (inviteId: string, status: 'done' | 'failed') => {
      await attempts().set({ status }).where('invite_id', '=', inviteId).execute();
    },

    /** Deletes attempts past their expiry: their verifiers are useless by then. */
    sweep: async () => {
      const result = await db
        .q()
        .deleteFrom('browser_attempts')
        .where('expires_at', '<', now())
        .where('status', '!=', 'exchanging')
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type BrowserAttempts = ReturnType<typeof createBrowserAttempts>;
