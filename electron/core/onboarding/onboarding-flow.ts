import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Foundation } from '../foundation';
import { INVITE_TOKEN } from '../../../shared/onboarding/page-api';
import type { StartRequest } from '../../../shared/onboarding/page-requests';
import type { OnboardingFailure, OnboardingPageState } from '../../../shared/onboarding/page-state';
import { writeTransaction } from '../db/write-transaction';
import { hashInviteToken } from '../invites/invite-token';
import type { InvitesQuery } from '../invites/invites-query';
import type { InviteRecord } from '../invites/invite-record';
import type { InvitesService } from '../invites/invites-service';
import { OpenAIUnavailable } from '../openai/device-code-client';
import { createDeviceLoginEngine, type PendingLogin } from '../openai/device-login';
import type { UpstreamsStore } from '../upstreams/upstreams-store';
import { createSingleFlight } from '../single-flight';
import type { BrowserAttempts } from './browser-attempts';
import { createBrowserFlow } from './browser-flow';
import { completeOnboarding } from './complete-onboarding';
import { createPageCache, stateDeadline } from './page-cache';
import { errorState, pageStateFor, usable } from './page-state';
import type { Receipt } from '../../../shared/onboarding/receipt';
import type { SessionRow, SessionStore } from './session-store';

type Listener = (state: OnboardingPageState) => void;

const SESSION_KEEP_MS = 24 * 60 * 60_000;
/** The views a page shows exactly while its invite is usable under its token (see pageStateFor). */
const OPEN_VIEWS: ReadonlySet<OnboardingPageState['view']> = new Set(['ready', 'pending', 'error']);

/** A pending session as the engine polls it, with the token its invite URL carries. */
interface SessionLogin extends PendingLogin {
  tokenHash: Buffer;
}

function pendingLogin(session: SessionRow | undefined): SessionLogin | undefined {
  if (session?.state !== 'pending') return undefined;
  return {
    id: session.id,
    tokenHash: session.token_hash,
    intervalSeconds: session.interval_seconds,
    transientFailures: session.transient_failures,
    deadlineAt: session.deadline_at,
    nextPollAt: session.next_poll_at,
  };
}

/**
 * The hosted onboarding flow, owned by the core (not the page): it requests the user code,
 * polls OpenAI, completes the acceptance, and tells every open page what to show. Sessions live
 * in SQLite, so a restart resumes them where they were.
 */
export function createOnboardingFlow(
  deps: Pick<Foundation, 'db' | 'changes' | 'events' | 'secrets' | 'logger' | 'issuer' | 'now'> & {
    query: InvitesQuery;
    invites: InvitesService;
    sessions: SessionStore;
    attempts: BrowserAttempts;
    upstreams: UpstreamsStore;
    newCodeGapMs: number;
    /** The account's plan and latest usage reading, for the Connected page's receipt. */
    receipt(upstreamId: string): Receipt | null;
    /** Reads the account's usage once (the quota probe); never throws. */
    probe(upstreamId: string): Promise<unknown>;
  },
) {
  const { db, query, sessions, events, logger, now } = deps;
  /** One code request per invite at a time: a flood of presses joins the one under way. */
  const starting = createSingleFlight<OnboardingFailure | null>();
  /** Each invite's last code request (monotonic ms) and the session it made, for the gap between codes. */
  const lastRequest = new Map<string, { at: number; sessionId: string | null }>();
  /** Open pages, by invite id, each with the token hash its URL carries. */
  const listeners = new Map<string, Set<{ hash: Buffer; listener: Listener }>>();

  const cache = createPageCache();

  function stateFor(hash: Buffer): { inviteId: string | null; state: OnboardingPageState } {
    const key = hash.toString('base64');
    const at = now();
    const cached = cache.get(key, at);
    if (cached) return cached;
    const invite = query.byTokenHash(hash);
    const session = invite ? sessions.latestFor(invite.id) : undefined;
    // A session started under an older token (before a reissue) is not this URL's.
    const mine = session?.token_hash.equals(hash) ? session : undefined;
    const lookups = { device: (s: SessionRow) => sessions.device(s), receipt: deps.receipt };
    const found = { inviteId: invite?.id ?? null, state: pageStateFor(invite, mine, lookups, at) };
    // Unknown tokens are not kept: guessing cannot fill the cache.
    if (invite) cache.set(key, { inviteId: invite.id, state: found.state }, stateDeadline(invite, mine));
    return found;
  }

  /** Is the invite behind this URL still usable (its page offers or follows a sign-in)? */
  function invitable(hash: Buffer): boolean {
    const cached = cache.get(hash.toString('base64'), now());
    if (cached) return OPEN_VIEWS.has(cached.state.view);
    return usable(query.byTokenHash(hash), now());
  }

  function push(inviteId: string) {
    cache.forget(inviteId);
    for (const { hash, listener } of listeners.get(inviteId) ?? []) {
      try {
        listener(stateFor(hash).state);
      } catch (err) {
        logger.warn({ err }, 'onboarding page update failed');
      }
    }
  }

  const engine = createDeviceLoginEngine({
    issuer: deps.issuer,
    now,
    logger,
    store: {
      pending: (id) => pendingLogin(sessions.byId(id)),
      device: (id) => sessions.device(sessions.existing(id)),
      reschedule: (id, plan) => sessions.schedule(id, plan),
    },
    hooks: {
      // Asked before every poll: the page cache answers without SQLite while nothing changed.
      isCurrent: (login) => invitable(login.tokenHash),
      onApproved: async (id, tokens) => {
        const session = sessions.existing(id);
        completeOnboarding(deps, session, tokens);
        connected(session.invite_id);
      },
      onFailed: (id, failure) => {
        const session = sessions.byId(id);
        const reason = failure === 'superseded' ? 'invite_unavailable' : failure;
        if (session && sessions.fail(id, reason)) push(session.invite_id);
      },
    },
  });

  /**
   * Tells every open page, then reads the new account's usage once for the receipt and tells them
   * again. The read happens after the acceptance committed: a failed one never undoes it.
   */
  function connected(inviteId: string) {
    push(inviteId);
    const invite = query.byId(inviteId);
    if (invite?.status !== 'accepted' || !invite.upstream_id) return;
    void deps.probe(invite.upstream_id).finally(() => push(inviteId));
  }

  /** A pending session whose invite is no longer usable under its token ends now, not at its next poll. */
  function recheck(inviteId?: string) {
    for (const session of sessions.pending()) {
      if (inviteId && session.invite_id !== inviteId) continue;
      if (usable(query.byTokenHash(session.token_hash), now())) continue;
      engine.cancel(session.id);
      sessions.fail(session.id, 'invite_unavailable');
    }
    for (const id of inviteId ? [inviteId] : listeners.keys()) push(id);
  }

  /** Asks OpenAI for a code and stores the session, unless a pending one stands; why not, if it failed. */
  async function newCode(invite: InviteRecord, hash: Buffer, again: boolean): Promise<OnboardingFailure | null> {
    const latest = sessions.latestFor(invite.id);
    const live = latest?.state === 'pending' && latest.deadline_at > now() && latest.token_hash.equals(hash);
    if (live && !again) return null;
    // Replacing a live code, or asking again after OpenAI gave none, waits out the gap; after a
    // code that ended (denied, expired, approved by another account) a new one comes at once.
    const previous = lastRequest.get(invite.id);
    const ended = !live && latest !== undefined && previous?.sessionId === latest.id;
    const wait = ended || !previous ? 0 : previous.at + deps.newCodeGapMs - performance.now();
    if (wait > 0) await sleep(wait, undefined, { ref: false });
    const request = { at: performance.now(), sessionId: null as string | null };
    lastRequest.set(invite.id, request);
    let code;
    try {
      code = await engine.requestCode();
    } catch (err) {
      if (!(err instanceof OpenAIUnavailable)) throw err;
      logger.warn(
        { status: err.status, transient: err.transient, reason: err.reason },
        'OpenAI would not start a device code',
      );
      return 'openai_unavailable';
    }
    const session = writeTransaction(db, () => {
      // Checked again: the invite may have been revoked while OpenAI answered.
      const current = query.byTokenHash(hash);
      if (!usable(current, now())) return null;
      return sessions.start({
        inviteId: current.id,
        tokenHash: hash,
        device: { deviceAuthId: code.deviceAuthId, userCode: code.userCode },
        verificationUrl: `${deps.issuer()}/codex/device`,
        intervalSeconds: code.intervalSeconds,
        deadlineAt: code.expiresAt,
      });
    });
    request.sessionId = session?.id ?? null;
    const login = pendingLogin(session ?? undefined);
    if (login) engine.watch(login);
    push(invite.id);
    return null;
  }

  const browser = createBrowserFlow({
    ...deps,
    complete: (session, tokens) => completeOnboarding(deps, session, tokens),
    stateFor: (hash) => stateFor(hash).state,
    push: connected,
  });

  const unsubscribe = events.subscribe((event) => {
    if (event.name === 'invites.changed') recheck(event.payload.inviteId);
    if (event.name === 'pools.changed') {
      cache.clear();
      recheck();
    }
  });

  return {
    /** What the page for a token shows. */
    page(token: string): OnboardingPageState {
      return INVITE_TOKEN.test(token) ? stateFor(hashInviteToken(token)).state : { view: 'unavailable' };
    },

    /**
     * "Start device approval", "Start again with a new code" or "Try again". A pending code is
     * shown again unless the invitee asked for a new one (`again`); a new code supersedes it.
     * Whatever the presses, an invite holds at most one live code and gets at most one new code
     * per gap.
     */
    async start(token: string, input: StartRequest = {}): Promise<OnboardingPageState> {
      if (!INVITE_TOKEN.test(token)) return { view: 'unavailable' };
      const hash = hashInviteToken(token);
      const before = query.byTokenHash(hash);
      if (!usable(before, now())) return stateFor(hash).state;
      if (!deps.secrets.status().available) return errorState(before, 'console_unavailable');
      const failure = await starting.run(before.id, () => newCode(before, hash, input.again === true));
      return failure ? errorState(before, failure) : stateFor(hash).state;
    },

    /** Follows one page's state until it unsubscribes; sends the current state at once. */
    subscribe(token: string, listener: Listener): () => void {
      if (!INVITE_TOKEN.test(token)) {
        listener({ view: 'unavailable' });
        return () => undefined;
      }
      const hash = hashInviteToken(token);
      const { inviteId, state } = stateFor(hash);
      listener(state);
      if (!inviteId) return () => undefined;
      const entry = { hash, listener };
      const pages = listeners.get(inviteId) ?? new Set();
      listeners.set(inviteId, pages.add(entry));
      return () => listeners.get(inviteId)?.delete(entry);
    },

    /**
     * Ended sessions (connected, failed, superseded) are kept a day, long enough for the page to
     * explain what happened, then deleted. Pending ones end on their own deadline first.
     */
    sweepSessions: () => {
      const swept = sessions.sweep(now() - SESSION_KEEP_MS) + browser.sweep();
      // A page whose ended session went shows Ready again.
      if (swept > 0) cache.clear();
      return swept;
    },

    /** "Sign in in your browser": the authorize URL for a fresh attempt (or why not). */
    startBrowser: browser.start,
    /** The pasted callback address (or code) of the invite's browser sign-in. */
    pasteBrowser: browser.paste,

    /** Polling runs only while this process serves the onboarding pages. */
    resume: () => engine.resume(sessions.pending().flatMap((s) => pendingLogin(s) ?? [])),
    stop: () => engine.stop(),
    dispose() {
      engine.stop();
      unsubscribe();
    },
  };
}

export type OnboardingFlow = ReturnType<typeof createOnboardingFlow>;
