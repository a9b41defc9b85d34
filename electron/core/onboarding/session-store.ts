import type { OnboardingFailure } from '../../../shared/onboarding/page-state';
import { sql } from 'kysely';
import type { SqlDatabase } from '../db/sql/sql-database';
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

/** Device-code sessions in the database; the device id and user code are sealed with the data key. */
export function createSessionStore(db: SqlDatabase, secrets: Secrets, now: () => number) {
  const sessions = () => db.q().selectFrom('onboarding_sessions').selectAll();
  const update = () => db.q().updateTable('onboarding_sessions');
  const changed = (result: { numUpdatedRows: bigint }) => result.numUpdatedRows > 0n;
  const byId = (id: string) => sessions().where('id', '=', id).executeTakeFirst() as Promise<SessionRow | undefined>;
  const supersede = (inviteId: string, at: number) =>
    update()
      .set({ state: 'superseded', next_poll_at: null, updated_at: at })
      .where('invite_id', '=', inviteId)
      .where('state', '=', 'pending')
      .execute();

  /** A session known to exist (an id the engine holds): its absence is a bug, not an answer. */
  async function existing(id: string): Promise<SessionRow> {
    const found = await byId(id);
    if (!found) throw new Error(`onboarding session ${id} is gone`);
    return found;
  }

  return {
    byId,
    existing,
    /** The invite's newest session; of two started in one millisecond, the one that was not superseded. */
    latestFor: (inviteId: string) =>
      sessions()
        .where('invite_id', '=', inviteId)
        .orderBy('created_at', 'desc')
        .orderBy(sql`CASE state WHEN 'superseded' THEN 1 ELSE 0 END`)
        .limit(1)
        .executeTakeFirst() as Promise<SessionRow | undefined>,
    pending: () => sessions().where('state', '=', 'pending').execute() as Promise<SessionRow[]>,

    /** Starts a session for an invite, superseding any pending one. Call inside a write. */
    async start(input: {
      inviteId: string;
      tokenHash: Buffer;
      device: DeviceIds;
      verificationUrl: string;
      intervalSeconds: number;
      deadlineAt: number;
    }): Promise<SessionRow> {
      const at = now();
      const id = newId('session');
      await supersede(input.inviteId, at);
      await db
        .q()
        .insertInto('onboarding_sessions')
        .values({
          id,
          invite_id: input.inviteId,
          token_hash: input.tokenHash,
          state: 'pending',
          device: secrets.seal(DEVICE_PURPOSE(id), JSON.stringify(input.device)),
          verification_url: input.verificationUrl,
          interval_seconds: input.intervalSeconds,
          deadline_at: input.deadlineAt,
          next_poll_at: at + input.intervalSeconds * 1000,
          created_at: at,
          updated_at: at,
        })
        .execute();
      return existing(id);
    },

    /**
     * A session for a browser sign-in whose code was just exchanged: it supersedes any pending
     * device code and is completed (or failed) in the same write, so no one sees it pending.
     */
    async startBrowser(inviteId: string, tokenHash: Buffer): Promise<SessionRow> {
      const at = now();
      const id = newId('session');
      await supersede(inviteId, at);
      await db
        .q()
        .insertInto('onboarding_sessions')
        .values({
          id,
          invite_id: inviteId,
          token_hash: tokenHash,
          state: 'pending',
          device: null,
          verification_url: '',
          interval_seconds: 0,
          deadline_at: at,
          created_at: at,
          updated_at: at,
        })
        .execute();
      return existing(id);
    },

    device(session: SessionRow): DeviceIds {
      if (!session.device) throw new Error('the session holds no device code');
      return JSON.parse(secrets.open(DEVICE_PURPOSE(session.id), session.device)) as DeviceIds;
    },

    /** Plans the next poll; false if the session is no longer pending (superseded, say). */
    async schedule(
      id: string,
      plan: { intervalSeconds: number; nextPollAt: number; transientFailures: number },
    ): Promise<boolean> {
      return changed(
        await update()
          .set({
            interval_seconds: plan.intervalSeconds,
            next_poll_at: plan.nextPollAt,
            transient_failures: plan.transientFailures,
            updated_at: now(),
          })
          .where('id', '=', id)
          .where('state', '=', 'pending')
          .executeTakeFirst(),
      );
    },

    async fail(id: string, failure: SessionFailure, accountEmail: string | null = null): Promise<boolean> {
      return changed(
        await update()
          .set({ state: 'failed', failure, account_email: accountEmail, next_poll_at: null, updated_at: now() })
          .where('id', '=', id)
          .where('state', '=', 'pending')
          .executeTakeFirst(),
      );
    },

    /** Deletes ended sessions last touched before `cutoff`; returns how many. */
    async sweep(cutoff: number): Promise<number> {
      const result = await db
        .q()
        .deleteFrom('onboarding_sessions')
        .where('state', '!=', 'pending')
        .where('updated_at', '<', cutoff)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async connect(id: string, accountEmail: string): Promise<boolean> {
      return changed(
        await update()
          .set({ state: 'connected', account_email: accountEmail, next_poll_at: null, device: null, updated_at: now() })
          .where('id', '=', id)
          .where('state', '=', 'pending')
          .executeTakeFirst(),
      );
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
