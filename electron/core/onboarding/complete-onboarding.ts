import { sameAccount } from '../../../shared/accounts/same-account';
import type { Change, Changes } from '../audit/changes';
import type { InviteRecord } from '../invites/invite-record';
import { AppError } from '../errors';
import type { InvitesQuery } from '../invites/invites-query';
import type { InvitesService } from '../invites/invites-service';
import type { OAuthTokens } from '../openai/device-code-client';
import { accessTokenExpiry, accountClaims } from '../openai/token-claims';
import { identityOf, type UpstreamsStore } from '../upstreams/upstreams-store';
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
export async function completeOnboarding(deps: Deps, session: SessionRow, tokens: OAuthTokens): Promise<void> {
  try {
    await deps.changes.write((write) => connect(deps, write, session, tokens));
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    // The invite stopped being acceptable between the check and the accept (it expired that
    // very moment): the write rolled back whole, so only the session needs closing.
    await deps.sessions.fail(session.id, 'invite_unavailable');
  }
}

async function connect(deps: Deps, write: Change, session: SessionRow, tokens: OAuthTokens): Promise<void> {
  const { query, invites, sessions, upstreams, now } = deps;
  const current = await sessions.byId(session.id);
  if (!current || current.state !== 'pending') return;
  const invite = await query.byTokenHash(current.token_hash);
  if (!usable(invite, now())) {
    await sessions.fail(current.id, 'invite_unavailable');
    return;
  }
  const claims = accountClaims(tokens.idToken);
  const invitee = { kind: 'invitee' as const, name: claims.email ?? 'an unknown account' };
  const refuse = async (reason: 'email_mismatch' | 'account_mismatch') => {
    await sessions.fail(current.id, reason, claims.email);
    await write.audit({
      actor: invitee,
      action: 'invite.onboarding_failed',
      targetType: 'invite',
      targetId: invite.id,
      poolId: invite.pool_id,
      details: { email: invite.email, poolName: invite.pool_name, reason, accountEmail: claims.email },
    });
  };
  if (invite.kind === 'relink') {
    const upstream = invite.upstream_id ? await upstreams.byId(invite.upstream_id) : undefined;
    // Deleted since the link was issued: there is nothing left to restore.
    if (!upstream) return void (await sessions.fail(current.id, 'invite_unavailable'));
    // The one rule: the same workspace and user. An email alone never restores an account.
    if (!sameAccount(claims, identityOf(upstream))) return refuse('account_mismatch');
    return relinked(deps, write, { session: current, invite, upstreamId: upstream.id, tokens, claims });
  }
  if (claims.email !== invite.email) return refuse('email_mismatch');
  if (!claims.accountId || !claims.userId) {
    await sessions.fail(current.id, 'openai_unavailable');
    return;
  }
  const link = await upstreams.link(
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
  await upstreams.recordLineage(link.upstreamId, 'invite', invite.email, invite.id);
  await invites.accept(current.token_hash, { acceptedByEmail: invite.email, upstreamId: link.upstreamId });
  await sessions.connect(current.id, invite.email);
  await write.audit({
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
    payload: {
      inviteId: invite.id,
      kind: 'invite',
      upstreamId: link.upstreamId,
      email: invite.email,
      poolName: invite.pool_name,
    },
  });
}

/**
 * A relink link approved by the account it restores: the tokens are replaced in place, so its
 * Pools, labels and history stay as they were, and the link is used up.
 */
async function relinked(
  deps: Deps,
  write: Change,
  relink: {
    session: SessionRow;
    invite: InviteRecord;
    upstreamId: string;
    tokens: OAuthTokens;
    claims: ReturnType<typeof accountClaims>;
  },
): Promise<void> {
  const { session, invite, upstreamId, tokens, claims } = relink;
  const upstream = await deps.upstreams.existing(upstreamId);
  const email = claims.email ?? upstream.email;
  await deps.upstreams.replaceTokens(upstreamId, {
    email,
    planType: claims.planType ?? upstream.plan_type,
    tokens,
    accessTokenExpiresAt: accessTokenExpiry(tokens.accessToken),
  });
  await deps.upstreams.recordLineage(upstreamId, 'relink', email, invite.id);
  await deps.invites.accept(session.token_hash, { acceptedByEmail: email, upstreamId });
  await deps.sessions.connect(session.id, email);
  await write.audit({
    actor: { kind: 'invitee', name: email },
    action: 'upstream.relinked',
    targetType: 'upstream',
    targetId: upstreamId,
    poolId: invite.pool_id,
    details: { email: upstream.email, via: 'link' },
  });
  write.emit({ name: 'upstreams.changed', payload: { upstreamId } });
  write.emit({
    name: 'invites.accepted',
    payload: { inviteId: invite.id, kind: 'relink', upstreamId, email: upstream.email, poolName: invite.pool_name },
  });
}
