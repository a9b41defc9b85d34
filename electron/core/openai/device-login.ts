import { setTimeout as sleep } from 'node:timers/promises';
import type { Foundation } from '../foundation';
import {
  exchangeAuthorizationCode,
  OpenAIUnavailable,
  pollDeviceToken,
  requestUserCode,
  type OAuthTokens,
  type PollOutcome,
  type UserCode,
} from './device-code-client';

const SLOW_DOWN_SECONDS = 5;
/**
 * Polls go out on shared beats (whole seconds of the clock): the logins due in one second are
 * polled in one turn of the event loop, one wake-up for all of them instead of one each. On
 * loopback this halved the CPU per poll (`npm run bench -- onboarding`).
 */
const BEAT_MS = 1000;

/** The first beat at or after `at`. */
function onBeat(at: number): number {
  return Math.ceil(at / BEAT_MS) * BEAT_MS;
}
const MAX_BACKOFF_SECONDS = 60;
/** A code request is tried this often before the person waiting is told OpenAI is not answering. */
const CODE_ATTEMPTS = 3;
/** Longer than this is not worth the person's wait: they are told at once, and may try again. */
const MAX_CODE_WAIT_SECONDS = 10;

/**
 * How long to wait before asking for a code again, or null to give up. Transient failures only
 * (429, 5xx, no answer): OpenAI's Retry-After when it sent one, else 1 s, 2 s.
 */
export function codeRetryDelaySeconds(err: unknown, attempt: number): number | null {
  if (!(err instanceof OpenAIUnavailable) || !err.transient || attempt >= CODE_ATTEMPTS) return null;
  const wait = err.retryAfterSeconds ?? 2 ** (attempt - 1);
  return wait <= MAX_CODE_WAIT_SECONDS ? wait : null;
}

/** The user code and the handle that polls for it. Secret while the login is pending. */
export interface DeviceIds {
  deviceAuthId: string;
  userCode: string;
}

/** Why a device-code login ended without tokens. `superseded`: its owner no longer wants it. */
export type DeviceLoginFailure =
  'code_expired' | 'denied' | 'openai_unavailable' | 'console_unavailable' | 'superseded';

/** A pending login's pace, as its owner keeps it. */
export interface LoginPace {
  intervalSeconds: number;
  transientFailures: number;
}

export interface PendingLogin extends LoginPace {
  id: string;
  deadlineAt: number;
  nextPollAt: number | null;
}

/**
 * Where an owner keeps its logins: SQLite for invite onboarding (it survives a restart), memory for
 * Relink. A login may carry what its owner needs to judge it (`L`), read once per poll.
 */
type MaybePromise<T> = T | Promise<T>;

export interface DeviceLoginStore<L extends PendingLogin> {
  /** The login while it is still pending; undefined once it ended or was replaced. */
  pending(id: string): MaybePromise<L | undefined>;
  /** Its device ids (opened once per login: they may be sealed). */
  device(id: string): MaybePromise<DeviceIds>;
  /** Keeps a new pace or failure count; false if the login is no longer pending. */
  reschedule(id: string, plan: LoginPace & { nextPollAt: number }): MaybePromise<boolean>;
}

export interface DeviceLoginHooks<L extends PendingLogin> {
  /** Still worth polling for (the invite still usable, the account still there)? Given the login just read. */
  isCurrent(login: L): MaybePromise<boolean>;
  /** Approved and exchanged: the tokens are the owner's to check and store. */
  onApproved(id: string, tokens: OAuthTokens): Promise<void>;
  /** The login ended without tokens; the owner records why. */
  onFailed(id: string, failure: DeviceLoginFailure): MaybePromise<void>;
}

export type NextStep =
  | { kind: 'poll'; intervalSeconds: number; at: number; transientFailures: number }
  | { kind: 'stop'; failure: DeviceLoginFailure }
  | { kind: 'authorized' };

/** What to do after one poll answer (SPEC §5): poll again when, or stop and why. */
export function nextStep(outcome: PollOutcome, pace: LoginPace, now: number): NextStep {
  const interval = pace.intervalSeconds;
  switch (outcome.kind) {
    case 'pending':
      return { kind: 'poll', intervalSeconds: interval, at: now + interval * 1000, transientFailures: 0 };
    case 'slow_down': {
      // The slower pace sticks for the rest of the login (RFC 8628 §3.5).
      const slower = interval + SLOW_DOWN_SECONDS;
      const wait = Math.max(slower, outcome.retryAfterSeconds ?? 0);
      return { kind: 'poll', intervalSeconds: slower, at: now + wait * 1000, transientFailures: 0 };
    }
    case 'transient': {
      // interval, 2×, 4×… capped: a brief outage costs little, a long one is not hammered.
      const failures = pace.transientFailures + 1;
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
 * The one device-code engine (SPEC §5): request a code, poll each pending login on its own timer
 * with the rules above, exchange the approved code, and hand the tokens to the owner. Invite
 * onboarding and Relink differ only in where they keep their logins and what they do with the
 * tokens.
 */
export function createDeviceLoginEngine<L extends PendingLogin>(
  deps: Pick<Foundation, 'issuer' | 'now' | 'logger'> & {
    store: DeviceLoginStore<L>;
    hooks: DeviceLoginHooks<L>;
  },
) {
  const { store, hooks, now, logger } = deps;
  const timers = new Map<string, NodeJS.Timeout>();
  /** Every login being polled, whether its timer waits or its poll is under way. */
  const watched = new Set<string>();
  const devices = new Map<string, DeviceIds>();
  let stopped = false;

  function clear(id: string) {
    clearTimeout(timers.get(id));
    timers.delete(id);
    watched.delete(id);
    devices.delete(id);
  }

  async function device(id: string): Promise<DeviceIds> {
    let ids = devices.get(id);
    if (!ids) devices.set(id, (ids = await store.device(id)));
    return ids;
  }

  function schedule(login: PendingLogin) {
    if (stopped) return clear(login.id);
    watched.add(login.id);
    const due = Math.min(onBeat(login.nextPollAt ?? now()), login.deadlineAt);
    clearTimeout(timers.get(login.id));
    const timer = setTimeout(
      () => {
        tick(login.id, due).catch((err: unknown) =>
          logger.error({ err, login: login.id }, 'a device-code poll failed'),
        );
      },
      Math.max(0, due - now()),
    );
    timer.unref();
    timers.set(login.id, timer);
  }

  async function fail(id: string, failure: DeviceLoginFailure): Promise<void> {
    clear(id);
    await hooks.onFailed(id, failure);
  }

  async function approved(id: string, grant: { authorizationCode: string; codeVerifier: string }) {
    clear(id);
    let tokens: OAuthTokens;
    try {
      tokens = await exchangeAuthorizationCode(deps.issuer(), grant);
    } catch (err) {
      logger.warn({ err, login: id }, 'the approved device code could not be exchanged');
      return void (await hooks.onFailed(id, 'openai_unavailable'));
    }
    try {
      await hooks.onApproved(id, tokens);
    } catch (err) {
      logger.error({ err, login: id }, 'an approved device-code login could not be completed');
      await hooks.onFailed(id, 'console_unavailable');
    }
  }

  async function tick(id: string, due: number) {
    timers.delete(id);
    if (stopped) return clear(id);
    const login = await store.pending(id);
    if (!login) return clear(id);
    if (now() >= login.deadlineAt) return fail(id, 'code_expired');
    if (!(await hooks.isCurrent(login))) return fail(id, 'superseded');
    let outcome: PollOutcome;
    try {
      outcome = await pollDeviceToken(deps.issuer(), await device(id));
    } catch (err) {
      // The device ids cannot be opened (the keychain went away): nothing more can be done.
      logger.warn({ err, login: id }, 'device-code login cannot continue');
      return fail(id, 'console_unavailable');
    }
    // Stopped while we waited (the console is closing): its database may already be shut.
    if (stopped) return clear(id);
    // Re-read: a restart of the login, a revoke or a cancel may have ended it while we waited.
    const latest = await store.pending(id);
    if (!latest) return clear(id);
    // The next poll counts from this poll's beat, so a login keeps its beat: `interval` seconds
    // between polls, give or take the timer's few milliseconds (Codex waits the interval after
    // each answer; no server can tell the two apart through network jitter).
    const step = nextStep(outcome, latest, due);
    if (step.kind === 'stop') return fail(id, step.failure);
    if (outcome.kind === 'authorized') return approved(id, outcome);
    if (step.kind !== 'poll') return;
    if (outcome.kind === 'transient')
      logger.info({ login: id, failures: step.transientFailures }, 'OpenAI unavailable, retrying');
    // A plain "still pending" changes nothing worth a write: after a restart the login simply
    // polls once at once. A new pace or a failure count is kept.
    const changed =
      step.intervalSeconds !== latest.intervalSeconds || step.transientFailures !== latest.transientFailures;
    const plan = {
      intervalSeconds: step.intervalSeconds,
      transientFailures: step.transientFailures,
      nextPollAt: step.at,
    };
    if (changed && !(await store.reschedule(id, plan))) return clear(id);
    schedule({ ...latest, ...plan });
  }

  return {
    /**
     * A fresh user code from OpenAI, retried on a brief rate limit or outage (reference §1.1: 429
     * has been seen there); throws OpenAIUnavailable. The owner stores it, then `watch`es it.
     */
    async requestCode(): Promise<UserCode> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await requestUserCode(deps.issuer(), now());
        } catch (err) {
          const wait = codeRetryDelaySeconds(err, attempt);
          if (wait === null) throw err;
          logger.info({ attempt, waitSeconds: wait }, 'OpenAI would not give a device code yet, retrying');
          await sleep(wait * 1000, undefined, { ref: false });
        }
      }
    },
    /** Polls a stored login until it is approved, fails, or its owner lets it go. */
    watch: schedule,
    /** Stops polling a login (its owner ended it). */
    cancel: clear,
    /** Whether a login is being polled here. */
    isWatching: (id: string) => watched.has(id),
    /** Picks up pending logins after a start: overdue ones fail, the rest poll on. */
    resume(logins: PendingLogin[]) {
      stopped = false;
      for (const login of logins) {
        if (now() >= login.deadlineAt)
          fail(login.id, 'code_expired').catch((err: unknown) =>
            logger.warn({ err, login: login.id }, 'an expired device-code login could not be ended'),
          );
        else schedule(login);
      }
    },
    stop() {
      stopped = true;
      for (const id of [...timers.keys()]) clear(id);
    },
  };
}
