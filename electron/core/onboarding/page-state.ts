import type { InviteFacts, OnboardingPageState } from '../../../shared/onboarding/page-state';
import { effectiveStatus } from '../../../shared/invites/effective-status';
import type { InviteRecord } from '../invites/invite-record';
import type { DeviceIds } from '../openai/device-login';
import type { Receipt } from '../../../shared/onboarding/receipt';
import type { SessionRow } from './session-store';

/** How long after connecting a reload still shows "Connected" rather than "Unavailable". */
export const CONNECTED_GRACE_MS = 15 * 60_000;

function facts(invite: InviteRecord): InviteFacts {
  return {
    kind: invite.kind,
    poolName: invite.pool_name,
    email: invite.email,
    inviter: invite.created_by,
    expiresAt: invite.expires_at,
  };
}

/**
 * Whether the invite found under a token can still be accepted: active, unexpired, its Pool
 * active. (Found by token hash at all means no reissue has replaced that token.)
 */
export function usable(invite: InviteRecord | undefined, now: number): invite is InviteRecord {
  return (
    invite !== undefined &&
    invite.pool_status === 'active' &&
    effectiveStatus(invite.status, invite.expires_at, now) === 'active'
  );
}

/**
 * What the page for one invite URL shows now. Unknown, revoked, accepted (after a short grace),
 * or in a Pool that is not active: Unavailable. Past its expiry: Expired.
 */
export function pageStateFor(
  invite: InviteRecord | undefined,
  session: SessionRow | undefined,
  lookups: {
    device(session: SessionRow): DeviceIds;
    /** The linked account's receipt, or null while its usage is being read. */
    receipt(upstreamId: string): Receipt | null;
  },
  now: number,
): OnboardingPageState {
  if (!invite) return { view: 'unavailable' };
  if (invite.status === 'accepted') {
    return session?.state === 'connected' && now - session.updated_at < CONNECTED_GRACE_MS
      ? {
          view: 'connected',
          kind: invite.kind,
          poolName: invite.pool_name,
          accountEmail: session.account_email ?? invite.email,
          receipt: invite.upstream_id ? lookups.receipt(invite.upstream_id) : null,
        }
      : { view: 'unavailable' };
  }
  if (invite.status === 'revoked' || invite.pool_status !== 'active') return { view: 'unavailable' };
  if (effectiveStatus(invite.status, invite.expires_at, now) === 'expired') return { view: 'expired' };
  if (session?.state === 'pending' && session.deadline_at > now) {
    const ids = lookups.device(session);
    return {
      view: 'pending',
      invite: facts(invite),
      userCode: ids.userCode,
      verificationUrl: session.verification_url,
      startedAt: session.created_at,
      codeExpiresAt: session.deadline_at,
    };
  }
  if (session?.state === 'failed' && session.failure && session.failure !== 'invite_unavailable') {
    return { view: 'error', invite: facts(invite), failure: session.failure, accountEmail: session.account_email };
  }
  return { view: 'ready', invite: facts(invite) };
}

export function errorState(
  invite: InviteRecord,
  failure: Extract<OnboardingPageState, { view: 'error' }>['failure'],
): OnboardingPageState {
  return { view: 'error', invite: facts(invite), failure, accountEmail: null };
}
