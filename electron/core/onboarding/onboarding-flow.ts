import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Foundation } from '../foundation';
import { INVITE_TOKEN } from '../../../shared/onboarding/page-api';
import type { StartRequest } from '../../../shared/onboarding/page-requests';
import type { OnboardingFailure, OnboardingPageState } from '../../../shared/onboarding/page-state';
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
 * in the database, so a restart resumes them where they were.
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
    receipt(upstreamId: string): Promise<Receipt | null>;
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
  /** Whether this process serves the invite pages, and holds the background jobs' lease. */
  let serving = false;
  let leased = true;
  const pollPending = async () => engine.resume((await sessions.pending()).flatMap((s) => pendingLogin(s) ?? []));

  async function stateFor(hash: Buffer): Promise<{ inviteId: string | null; state: OnboardingPageState }> {
    const key = hash.toString('base64');
    const at = now();
    const cached = cache.get(key, at);
    if (cached) return cached;
    const readAt = cache.generation();
    const invite = await query.byTokenHash(hash);
    const session = invite ? await sessions.latestFor(invite.id) : undefined;
    // A session started under an older token (before a reissue) is not this URL's.
    const mine = session?.token_hash.equals(hash) ? session : undefined;
    const receipt = invite?.status === 'accepted' && invite.upstream_id ? await deps.receipt(invite.upstream_id) : null;
    const lookups = { device: (s: SessionRow) => sessions.device(s), receipt: () => receipt };
    const found = { inviteId: invite?.id ?? null, state: pageStateFor(invite, mine, lookups, at) };
    // Unknown tokens are not kept: guessing cannot fill the cache.
    if (invite) cache.set(key, { inviteId: invite.id, state: found.state }, stateDeadline(invite, mine), readAt);
    return found;
  }

  /** Is the invite behind this URL still usable (its page offers or follows a sign-in)? */
  async function invitable(hash: Buffer): Promise<boolean> {
    const cached = cache.get(hash.toString('base64'), now());
    if (cached) return OPEN_VIEWS.has(cached.state.view);
    return usable(await query.byTokenHash(hash), now());
  }

  /** Tells every open page of the invite what it shows now; never throws (a page is not the change's). */
  async function push(inviteId: string): Promise<void> {
    cache.forget(inviteId);
    for (const { hash, listener } of listeners.get(inviteId) ?? []) {
      try {
        listener((await stateFor(hash)).state);
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
      pending: async (id) => pendingLogin(await sessions.byId(id)),
      device: async (id) => sessions.device(await sessions.existing(id)),
      reschedule: (id, plan) => sessions.schedule(id, plan),
    },
    hooks: {
      // Asked before every poll: the page cache answers without SQLite while nothing changed.
      isCurrent: (login) => invitable(login.tokenHash),
      onApproved: async (id, tokens) => {
        const session = await sessions.existing(id);
        await completeOnboarding(deps, session, tokens);
        await connected(session.invite_id);
      },
      onFailed: async (id, failure) => {
        const session = await sessions.byId(id);
        const reason = failure === 'superseded' ? 'invite_unavailable' : failure;
        if (session && (await sessions.fail(id, reason))) await push(session.invite_id);
      },
    },
  });

  /**
   * Tells every open page, then reads the new account's usage once for the receipt and tells them
   * again. The read happens after the acceptance committed: a failed one never undoes it.
   */
  async function connected(inviteId: string): Promise<void> {
    await push(inviteId);
    const invite = await query.byId(inviteId);
    if (invite?.status !== 'accepted' || !invite.upstream_id) return;
    void deps.probe(invite.upstream_id).finally(() => push(inviteId));
  }

  /** A pending session whose invite is no longer usable under its token ends now, not at its next poll. */
  async function recheck(inviteId?: string): Promise<void> {
    for (const session of await sessions.pending()) {
      if (inviteId && session.invite_id !== inviteId) continue;
      if (usable(await query.byTokenHash(session.token_hash), now())) continue;
      engine.cancel(session.id);
      await sessions.fail(session.id, 'invite_unavailable');
    }
    for (const id of inviteId ? [inviteId] : [...listeners.keys()]) await push(id);
  }

  /** Asks OpenAI for a code and stores the session, unless a pending one stands; why not, if it failed. */
  async function newCode(invite: InviteRecord, hash: Buffer, again: boolean): Promise<OnboardingFailure | null> {
    const latest = await sessions.latestFor(invite.id);
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
    const session = await db.write(async () => {
      // Checked again: the invite may have been revoked while OpenAI answered.
      const current = await query.byTokenHash(hash);
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
    await push(invite.id);
    return null;
  }

  const browser = createBrowserFlow({
    ...deps,
    complete: (session, tokens) => completeOnboarding(deps, session, tokens),
    stateFor: async (hash) => (await stateFor(hash)).state,
    push: connected,
  });

  const rechecked = (err: unknown) => logger.warn({ err }, 'pending onboarding sessions could not be checked');
  const unsubscribe = events.subscribe((event) => {
    if (event.name === 'invites.changed') {
      // Forgotten at once, before the recheck's reads: the next look at the page reads the change.
      cache.forget(event.payload.inviteId);
      recheck(event.payload.inviteId).catch(rechecked);
    }
    if (event.name === 'pools.changed') {
      cache.clear();
      recheck().catch(rechecked);
    }
  });

  return {
    /** What the page for a token shows. */
    async page(token: string): Promise<OnboardingPageState> {
      return INVITE_TOKEN.test(token) ? (await stateFor(hashInviteToken(token))).state : { view: 'unavailable' };
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
      const before = await query.byTokenHash(hash);
      if (!usable(before, now())) return (await stateFor(hash)).state;
      if (!deps.secrets.status().available) return errorState(before, 'console_unavailable');
      const failure = await starting.run(before.id, () => newCode(before, hash, input.again === true));
      return failure ? errorState(before, failure) : (await stateFor(hash)).state;
    },

    /** Follows one page's state until it unsubscribes; sends the current state at once. */
    async subscribe(token: string, listener: Listener): Promise<() => void> {
      if (!INVITE_TOKEN.test(token)) {
        listener({ view: 'unavailable' });
        return () => undefined;
      }
      const hash = hashInviteToken(token);
      const { inviteId, state } = await stateFor(hash);
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
    sweepSessions: async () => {
      const swept = (await sessions.sweep(now() - SESSION_KEEP_MS)) + (await browser.sweep());
      // A page whose ended session went shows Ready again.
      if (swept > 0) cache.clear();
      return swept;
    },

    /** "Sign in in your browser": the authorize URL for a fresh attempt (or why not). */
    startBrowser: browser.start,
    /** The pasted callback address (or code) of the invite's browser sign-in. */
    pasteBrowser: browser.paste,

    /** Polling runs only while this process serves the onboarding pages (and holds the jobs' lease). */
    async resume() {
      serving = true;
      if (leased) await pollPending();
      else engine.stop();
    },
    stop() {
      serving = false;
      engine.stop();
    },
    /**
     * Several servers on one database: only the lease's holder polls OpenAI. Gaining it, the
     * holder polls every pending session, whichever process started it; losing it, it stops.
     */
    async lease(held: boolean) {
      leased = held;
      if (!held) engine.stop();
      else if (serving) await pollPending();
    },
    /** The holder picks up the sessions other processes started since it last looked. */
    async adopt() {
      if (!serving || !leased) return;
      for (const login of (await sessions.pending()).flatMap((s) => pendingLogin(s) ?? []))
        if (!engine.isWatching(login.id)) engine.watch(login);
    },
    dispose() {
      engine.stop();
      unsubscribe();
    },
  };
}

export type OnboardingFlow = ReturnType<typeof createOnboardingFlow>;
