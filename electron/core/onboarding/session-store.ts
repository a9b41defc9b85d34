import type { OnboardingFailure } from '../../../shared/onboarding/page-state';
import type { Db } from '../db/open-database';
import type { DeviceIds } from '../openai/device-login';
import { newId } from '../ids';
import type { Secrets } from '../secrets/secrets';

/** Why a session ended without connecting: a page failure, or the invite itself went away. */
export type SessionFailure = OnboardingFailure | 'invite_unavailable';

export interface SessionRow {
  id: string;
  invite_id: string;
  token_hash: Buffer;
  state: 'pending' | 'connected' | 'failed' | 'superseded';
  device: Buffer | null;
  verification_url: string;
  interval_seconds: number;
  deadline_at: number;
  next_poll_at: number | null;
  transient_failures: number;
  failure: SessionFailure | null;
  account_email: string | null;
  created_at: number;
  updated_at: number;
}

const DEVICE_PURPOSE = (sessionId: string) => `onboarding:${sessionId}:device`;

/** Device-code sessions in SQLite; the device id and user code are sealed with the data key. */
export function createSessionStore(db: Db, secrets: Secrets, now: () => number) {
  const statements = {
    byId: db.prepare<[string], SessionRow>('SELECT * FROM onboarding_sessions WHERE id = ?'),
    latest: db.prepare<[string], SessionRow>(
      'SELECT * FROM onboarding_sessions WHERE invite_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
    ),
    pending: db.prepare<[], SessionRow>("SELECT * FROM onboarding_sessions WHERE state = 'pending'"),
    supersede: db.prepare(
      "UPDATE onboarding_sessions SET state = 'superseded', next_poll_at = NULL, updated_at = ? WHERE invite_id = ? AND state = 'pending'",
    ),
    insert: db.prepare(
      `INSERT INTO onboarding_sessions (id, invite_id, token_hash, state, device, verification_url, interval_seconds, deadline_at, next_poll_at, created_at, updated_at)
       VALUES (@id, @inviteId, @tokenHash, 'pending', @device, @verificationUrl, @interval, @deadline, @nextPoll, @now, @now)`,
    ),
    insertBrowser: db.prepare(
      `INSERT INTO onboarding_sessions (id, invite_id, token_hash, state, device, verification_url, interval_seconds, deadline_at, created_at, updated_at)
       VALUES (@id, @inviteId, @tokenHash, 'pending', NULL, '', 0, @now, @now, @now)`,
    ),
    schedule: db.prepare(
      "UPDATE onboarding_sessions SET interval_seconds = @interval, next_poll_at = @nextPoll, transient_failures = @failures, updated_at = @now WHERE id = @id AND state = 'pending'",
    ),
    fail: db.prepare(
      "UPDATE onboarding_sessions SET state = 'failed', failure = @failure, account_email = @accountEmail, next_poll_at = NULL, updated_at = @now WHERE id = @id AND state = 'pending'",
    ),
    sweep: db.prepare("DELETE FROM onboarding_sessions WHERE state != 'pending' AND updated_at < ?"),
    connect: db.prepare(
      "UPDATE onboarding_sessions SET state = 'connected', account_email = @accountEmail, next_poll_at = NULL, device = NULL, updated_at = @now WHERE id = @id AND state = 'pending'",
    ),
  };

  /** A session known to exist (an id the engine holds): its absence is a bug, not an answer. */
  function existing(id: string): SessionRow {
    const found = statements.byId.get(id);
    if (!found) throw new Error(`onboarding session ${id} is gone`);
    return found;
  }

  return {
    byId: (id: string) => statements.byId.get(id),
    existing,
    latestFor: (inviteId: string) => statements.latest.get(inviteId),
    pending: () => statements.pending.all(),

    /** Starts a session for an invite, superseding any pending one. Call inside a transaction. */
    start(input: {
      inviteId: string;
      tokenHash: Buffer;
      device: DeviceIds;
      verificationUrl: string;
      intervalSeconds: number;
      deadlineAt: number;
    }): SessionRow {
      const at = now();
      const id = newId('session');
      statements.supersede.run(at, input.inviteId);
      statements.insert.run({
        id,
        inviteId: input.inviteId,
        tokenHash: input.tokenHash,
        device: secrets.seal(DEVICE_PURPOSE(id), JSON.stringify(input.device)),
        verificationUrl: input.verificationUrl,
        interval: input.intervalSeconds,
        deadline: input.deadlineAt,
        nextPoll: at + input.intervalSeconds * 1000,
        now: at,
      });
      return existing(id);
    },

    /**
     * A session for a browser sign-in whose code was just exchanged: it supersedes any pending
     * device code and is completed (or failed) in the same transaction, so no one sees it pending.
     */
    startBrowser(inviteId: string, tokenHash: Buffer): SessionRow {
      const at = now();
      const id = newId('session');
      statements.supersede.run(at, inviteId);
      statements.insertBrowser.run({ id, inviteId, tokenHash, now: at });
      return existing(id);
    },

    device(session: SessionRow): DeviceIds {
      if (!session.device) throw new Error('the session holds no device code');
      return JSON.parse(secrets.open(DEVICE_PURPOSE(session.id), session.device)) as DeviceIds;
    },

    /** Plans the next poll; false if the session is no longer pending (superseded, say). */
    schedule(id: string, plan: { intervalSeconds: number; nextPollAt: number; transientFailures: number }): boolean {
      return (
        statements.schedule.run({
          id,
          interval: plan.intervalSeconds,
          nextPoll: plan.nextPollAt,
          failures: plan.transientFailures,
          now: now(),
        }).changes > 0
      );
    },

    fail(id: string, failure: SessionFailure, accountEmail: string | null = null): boolean {
      return statements.fail.run({ id, failure, accountEmail, now: now() }).changes > 0;
    },

    /** Deletes ended sessions last touched before `cutoff`; returns how many. */
    sweep(cutoff: number): number {
      return statements.sweep.run(cutoff).changes;
    },

    connect(id: string, accountEmail: string): boolean {
      return statements.connect.run({ id, accountEmail, now: now() }).changes > 0;
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
