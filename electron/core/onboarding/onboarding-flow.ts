import type { Foundation } from '../foundation';
import type { OnboardingPageState } from '../../../shared/onboarding/page-state';
import { writeTransaction } from '../db/write-transaction';
import { hashInviteToken } from '../invites/invite-token';
import type { InvitesQuery } from '../invites/invites-query';
import type { InvitesService } from '../invites/invites-service';
import { OpenAIUnavailable } from '../openai/device-code-client';
import { createDeviceLoginEngine, type PendingLogin } from '../openai/device-login';
import type { UpstreamsStore } from '../upstreams/upstreams-store';
import { completeOnboarding } from './complete-onboarding';
import { errorState, pageStateFor, usable } from './page-state';
import type { SessionRow, SessionStore } from './session-store';

type Listener = (state: OnboardingPageState) => void;

/** Invite tokens are 43 base64url characters; anything else is not worth a lookup. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

function pendingLogin(session: SessionRow | undefined): PendingLogin | undefined {
  if (session?.state !== 'pending') return undefined;
  return {
    id: session.id,
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
    upstreams: UpstreamsStore;
  },
) {
  const { db, query, sessions, events, logger, now } = deps;
  /** Open pages, by invite id, each with the token hash its URL carries. */
  const listeners = new Map<string, Set<{ hash: Buffer; listener: Listener }>>();

  function stateFor(hash: Buffer): { inviteId: string | null; state: OnboardingPageState } {
    const invite = query.byTokenHash(hash);
    const session = invite ? sessions.latestFor(invite.id) : undefined;
    // A session started under an older token (before a reissue) is not this URL's.
    const mine = session?.token_hash.equals(hash) ? session : undefined;
    return { inviteId: invite?.id ?? null, state: pageStateFor(invite, mine, (s) => sessions.device(s), now()) };
  }

  function push(inviteId: string) {
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
      isCurrent: (id) => {
        const session = sessions.byId(id);
        return session !== undefined && usable(query.byTokenHash(session.token_hash), now());
      },
      onApproved: async (id, tokens) => {
        const session = sessions.existing(id);
        completeOnboarding(deps, session, tokens);
        push(session.invite_id);
      },
      onFailed: (id, failure) => {
        const session = sessions.byId(id);
        const reason = failure === 'superseded' ? 'invite_unavailable' : failure;
        if (session && sessions.fail(id, reason)) push(session.invite_id);
      },
    },
  });

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

  const unsubscribe = events.subscribe((event) => {
    if (event.name === 'invites.changed') recheck(event.payload.inviteId);
    if (event.name === 'pools.changed') recheck();
  });

  return {
    /** What the page for a token shows. */
    page(token: string): OnboardingPageState {
      return TOKEN_SHAPE.test(token) ? stateFor(hashInviteToken(token)).state : { view: 'unavailable' };
    },

    /** "Start device approval" (or "Try again"): a fresh user code; any earlier session is superseded. */
    async start(token: string): Promise<OnboardingPageState> {
      if (!TOKEN_SHAPE.test(token)) return { view: 'unavailable' };
      const hash = hashInviteToken(token);
      const before = query.byTokenHash(hash);
      if (!usable(before, now())) return stateFor(hash).state;
      if (!deps.secrets.status().available) return errorState(before, 'console_unavailable');
      let code;
      try {
        code = await engine.requestCode();
      } catch (err) {
        if (!(err instanceof OpenAIUnavailable)) throw err;
        logger.warn(
          { status: err.status, transient: err.transient, reason: err.reason },
          'OpenAI would not start a device code',
        );
        return errorState(before, 'openai_unavailable');
      }
      const session = writeTransaction(db, () => {
        // Checked again: the invite may have been revoked while OpenAI answered.
        const invite = query.byTokenHash(hash);
        if (!usable(invite, now())) return null;
        return sessions.start({
          inviteId: invite.id,
          tokenHash: hash,
          device: { deviceAuthId: code.deviceAuthId, userCode: code.userCode },
          verificationUrl: `${deps.issuer()}/codex/device`,
          intervalSeconds: code.intervalSeconds,
          deadlineAt: code.expiresAt,
        });
      });
      const login = pendingLogin(session ?? undefined);
      if (login) engine.watch(login);
      push(before.id);
      return stateFor(hash).state;
    },

    /** Follows one page's state until it unsubscribes; sends the current state at once. */
    subscribe(token: string, listener: Listener): () => void {
      if (!TOKEN_SHAPE.test(token)) {
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
