import type { Logger } from '../log/logger';
import { pollDeviceToken, type PollOutcome } from '../openai/device-code-client';
import type { DeviceIds, SessionFailure, SessionRow, SessionStore } from './session-store';

const SLOW_DOWN_SECONDS = 5;
const MAX_BACKOFF_SECONDS = 60;

export interface DeviceFlowHooks {
  /** Still worth polling for (the invite still usable under the session's token)? */
  isCurrent(session: SessionRow): boolean;
  /** The user approved: exchange the code and finish. */
  onAuthorized(session: SessionRow, grant: { authorizationCode: string; codeVerifier: string }): Promise<void>;
  /** The session ended without connecting. */
  onFailed(session: SessionRow, failure: SessionFailure): void;
}

/** What to do after one poll answer (SPEC §5): poll again when, or stop and why. */
export function nextStep(
  outcome: PollOutcome,
  session: Pick<SessionRow, 'interval_seconds' | 'transient_failures'>,
  now: number,
): { kind: 'poll'; intervalSeconds: number; at: number; transientFailures: number } | { kind: 'stop'; failure: SessionFailure } | { kind: 'authorized' } {
  const interval = session.interval_seconds;
  switch (outcome.kind) {
    case 'pending':
      return { kind: 'poll', intervalSeconds: interval, at: now + interval * 1000, transientFailures: 0 };
    case 'slow_down': {
      // The slower pace sticks for the rest of the session (RFC 8628 §3.5).
      const slower = interval + SLOW_DOWN_SECONDS;
      const wait = Math.max(slower, outcome.retryAfterSeconds ?? 0);
      return { kind: 'poll', intervalSeconds: slower, at: now + wait * 1000, transientFailures: 0 };
    }
    case 'transient': {
      // interval, 2×, 4×… capped: a brief outage costs little, a long one is not hammered.
      const failures = session.transient_failures + 1;
      const backoff = Math.min(interval * 2 ** (failures - 1), MAX_BACKOFF_SECONDS);
      const wait = Math.max(backoff, outcome.retryAfterSeconds ?? 0);
      return { kind: 'poll', intervalSeconds: interval, at: now + wait * 1000, transientFailures: failures };
    }
    case 'authorized':
      return { kind: 'authorized' };
    case 'expired':
      return { kind: 'stop', failure: 'code_expired' };
    case 'denied':
      return { kind: 'stop', failure: 'denied' };
    case 'failed':
      return { kind: 'stop', failure: 'openai_unavailable' };
  }
}

/**
 * Polls OpenAI for every pending device-code session, each on its own timer, until it connects,
 * fails, is superseded, or reaches its own deadline. Sessions live in SQLite, so a restart
 * resumes them where they were.
 */
export function createDeviceFlowRunner(deps: { sessions: SessionStore; issuer: () => string; now: () => number; logger: Logger; hooks: DeviceFlowHooks }) {
  const { sessions, now, logger, hooks } = deps;
  const timers = new Map<string, NodeJS.Timeout>();
  /** Opened once per session: unsealing on every poll is work for nothing. */
  const devices = new Map<string, DeviceIds>();
  let stopped = false;

  function clear(id: string) {
    clearTimeout(timers.get(id));
    timers.delete(id);
    devices.delete(id);
  }

  function device(session: SessionRow): DeviceIds {
    let ids = devices.get(session.id);
    if (!ids) devices.set(session.id, (ids = sessions.device(session)));
    return ids;
  }

  function schedule(session: SessionRow) {
    if (stopped || session.state !== 'pending') return clear(session.id);
    const at = Math.min(session.next_poll_at ?? now(), session.deadline_at);
    clearTimeout(timers.get(session.id));
    const timer = setTimeout(() => void tick(session.id), Math.max(0, at - now()));
    timer.unref();
    timers.set(session.id, timer);
  }

  function fail(session: SessionRow, failure: SessionFailure) {
    clear(session.id);
    if (sessions.fail(session.id, failure)) hooks.onFailed(session, failure);
  }

  async function tick(id: string) {
    timers.delete(id);
    const session = sessions.byId(id);
    if (stopped || !session || session.state !== 'pending') return;
    if (now() >= session.deadline_at) return fail(session, 'code_expired');
    if (!hooks.isCurrent(session)) return fail(session, 'invite_unavailable');
    let outcome: PollOutcome;
    try {
      outcome = await pollDeviceToken(deps.issuer(), device(session));
    } catch (err) {
      // The device ids cannot be opened (the keychain went away): nothing more can be done.
      logger.warn({ err, session: session.id }, 'device-code session cannot continue');
      return fail(session, 'console_unavailable');
    }
    // Re-read: a Start, a revoke or a reissue may have ended the session while we waited.
    const latest = sessions.byId(id);
    if (stopped || !latest || latest.state !== 'pending') return;
    const step = nextStep(outcome, latest, now());
    if (step.kind === 'stop') return fail(latest, step.failure);
    if (step.kind === 'authorized' && outcome.kind === 'authorized') {
      devices.delete(id);
      await hooks.onAuthorized(latest, { authorizationCode: outcome.authorizationCode, codeVerifier: outcome.codeVerifier });
      return;
    }
    if (step.kind === 'poll') {
      if (outcome.kind === 'transient') logger.info({ session: id, failures: step.transientFailures }, 'OpenAI unavailable, retrying');
      const planned = { ...latest, interval_seconds: step.intervalSeconds, next_poll_at: step.at, transient_failures: step.transientFailures };
      // A plain "still pending" changes nothing worth a write: after a restart the session
      // simply polls once at once. A new pace or a failure count is kept.
      const changed = step.intervalSeconds !== latest.interval_seconds || step.transientFailures !== latest.transient_failures;
      if (changed && !sessions.schedule(id, { intervalSeconds: step.intervalSeconds, nextPollAt: step.at, transientFailures: step.transientFailures })) return;
      schedule(planned);
    }
  }

  return {
    schedule,
    cancel: clear,
    /** Picks up every pending session after a start: overdue ones fail, the rest poll on. */
    resume() {
      stopped = false;
      for (const session of sessions.pending()) {
        if (now() >= session.deadline_at) fail(session, 'code_expired');
        else schedule(session);
      }
    },
    stop() {
      stopped = true;
      for (const id of [...timers.keys()]) clear(id);
    },
  };
}

export type DeviceFlowRunner = ReturnType<typeof createDeviceFlowRunner>;
