import type { OnboardingPageState } from '../../../shared/onboarding/page-state';
import type { InviteRecord } from '../invites/invite-record';
import { CONNECTED_GRACE_MS } from './page-state';
import type { SessionRow } from './session-store';

interface Found {
  inviteId: string | null;
  state: OnboardingPageState;
}

interface Cached {
  found: Found;
  /** The first moment time alone changes what the page shows (an expiry, a code's deadline). */
  until: number;
}

/** Past this many tokens the cache starts over: a flood of distinct links cannot grow it without bound. */
const MAX_TOKENS = 10_000;

/** When the page computed now for this invite and session stops being true without any write. */
export function stateDeadline(invite: InviteRecord, session: SessionRow | undefined): number {
  if (invite.status === 'accepted') {
    return session?.state === 'connected' ? session.updated_at + CONNECTED_GRACE_MS : Infinity;
  }
  if (invite.status !== 'active' || invite.pool_status !== 'active') return Infinity;
  const pending = session?.state === 'pending' ? session.deadline_at : Infinity;
  return Math.min(invite.expires_at, pending);
}

/**
 * What each invite page shows, kept between changes: a load of the page under a burst of
 * invitees reads memory, not SQLite and the keychain. An entry goes when its invite, its Pool or
 * its session changes (the flow forgets it), or when time alone would change it.
 */
export function createPageCache() {
  const byToken = new Map<string, Cached>();
  const byInvite = new Map<string, Set<string>>();
  /** Moves on every change: a page read while one happened is not kept (it may predate it). */
  let generation = 0;

  function clear() {
    generation++;
    byToken.clear();
    byInvite.clear();
  }

  return {
    /** Taken before a page is read; `set` keeps the page only if nothing changed since. */
    generation: () => generation,
    get(tokenKey: string, now: number): Found | undefined {
      const cached = byToken.get(tokenKey);
      return cached && cached.until > now ? cached.found : undefined;
    },
    set(tokenKey: string, found: Found & { inviteId: string }, until: number, readAt: number) {
      if (readAt !== generation) return;
      if (byToken.size >= MAX_TOKENS) clear();
      byToken.set(tokenKey, { found, until });
      const tokens = byInvite.get(found.inviteId) ?? new Set();
      byInvite.set(found.inviteId, tokens.add(tokenKey));
    },
    /** The invite changed (or its session did): its pages are computed again on the next look. */
    forget(inviteId: string) {
      generation++;
      for (const key of byInvite.get(inviteId) ?? []) byToken.delete(key);
      byInvite.delete(inviteId);
    },
    clear,
  };
}
