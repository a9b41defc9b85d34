import type { Change, Changes } from '../audit/changes';
import { AppError } from '../errors';
import type { InvitesQuery } from '../invites/invites-query';
import type { InvitesService } from '../invites/invites-service';
import type { OAuthTokens } from '../openai/device-code-client';
import { accessTokenExpiry, accountClaims } from '../openai/token-claims';
import type { UpstreamsStore } from '../upstreams/upstreams-store';
import { usable } from './page-state';
import type { SessionRow, SessionStore } from './session-store';

interface Deps {
  query: InvitesQuery;
  invites: InvitesService;
  sessions: SessionStore;
  upstreams: UpstreamsStore;
  changes: Changes;
  now: () => number;
}

/**
 * The invitee approved and the code was exchanged: in one write, check the session and invite once
 * more, require the approved account's email to be the invite's, link the upstream with its
 * tokens sealed, accept the invite and audit it all. Every console hears of it after the commit.
 */
export function completeOnboarding(deps: Deps, session: SessionRow, tokens: OAuthTokens): void {
  try {
    deps.changes.write((write) => connect(deps, write, session, tokens));
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    // The invite stopped being acceptable between the check and the accept (it expired that
    // very moment): the write rolled back whole, so only the session needs closing.
    deps.sessions.fail(session.id, 'invite_unavailable');
  }
}

function connect(deps: Deps, write: Change, session: SessionRow, tokens: OAuthTokens) {
  const { query, invites, sessions, upstreams, now } = deps;
  const current = sessions.byId(session.id);
  if (!current || current.state !== 'pending') return;
  const invite = query.byTokenHash(current.token_hash);
  if (!usable(invite, now())) {
    sessions.fail(current.id, 'invite_unavailable');
    return;
  }
  const claims = accountClaims(tokens.idToken);
  const invitee = { kind: 'invitee' as const, name: claims.email ?? 'an unknown account' };
  if (claims.email !== invite.email) {
    sessions.fail(current.id, 'email_mismatch', claims.email);
    write.audit({
      actor: invitee,
      action: 'invite.onboarding_failed',
      targetType: 'invite',
      targetId: invite.id,
      poolId: invite.pool_id,
      details: {
        email: invite.email,
        poolName: invite.pool_name,
        reason: 'email_mismatch',
        accountEmail: claims.email,
      },
    });
    return;
  }
  if (!claims.accountId || !claims.userId) {
    sessions.fail(current.id, 'openai_unavailable');
    return;
  }
  const link = upstreams.link(
    {
      accountId: claims.accountId,
      userId: claims.userId,
      email: invite.email,
      planType: claims.planType,
      tokens,
      accessTokenExpiresAt: accessTokenExpiry(tokens.accessToken),
    },
    invite.pool_id,
  );
  invites.accept(current.token_hash, { acceptedByEmail: invite.email, upstreamId: link.upstreamId });
  sessions.connect(current.id, invite.email);
  write.audit({
    actor: invitee,
    action: 'upstream.linked',
    targetType: 'upstream',
    targetId: link.upstreamId,
    poolId: invite.pool_id,
    details: { email: invite.email, poolName: invite.pool_name, planType: claims.planType, created: link.created },
  });
  write.emit({ name: 'upstreams.changed', payload: { upstreamId: link.upstreamId } });
  write.emit({
    name: 'invites.accepted',
    payload: { inviteId: invite.id, email: invite.email, poolName: invite.pool_name },
  });
}
