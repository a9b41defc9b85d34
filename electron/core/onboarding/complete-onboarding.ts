import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/open-database';
import { writeTransaction } from '../db/write-transaction';
import { AppError } from '../errors';
import type { InvitesQuery } from '../invites/invites-query';
import type { InvitesService } from '../invites/invites-service';
import { exchangeAuthorizationCode, type OAuthTokens } from '../openai/device-code-client';
import { accessTokenExpiry, accountClaims, type AccountClaims } from '../openai/token-claims';
import type { UpstreamsStore } from '../upstreams/upstreams-store';
import { usable } from './page-state';
import type { SessionFailure, SessionRow, SessionStore } from './session-store';

export type Completion =
  | {
      kind: 'connected';
      inviteId: string;
      poolId: string;
      poolName: string;
      email: string;
      upstreamId: string;
      auditIds: number[];
    }
  | { kind: 'failed'; failure: SessionFailure; auditIds: number[] }
  | { kind: 'gone' };

interface Deps {
  db: Db;
  query: InvitesQuery;
  invites: InvitesService;
  sessions: SessionStore;
  upstreams: UpstreamsStore;
  audit: AuditLog;
  issuer: () => string;
  now: () => number;
}

/**
 * The invitee approved: exchange the code (outside any transaction), then in one transaction
 * check the session and invite once more, require the approved account's email to be the
 * invite's, link the upstream with its tokens sealed, accept the invite and audit it all.
 */
export async function completeOnboarding(
  deps: Deps,
  session: SessionRow,
  grant: { authorizationCode: string; codeVerifier: string },
): Promise<Completion> {
  const { db, sessions } = deps;
  let tokens: OAuthTokens;
  let claims: AccountClaims;
  try {
    tokens = await exchangeAuthorizationCode(deps.issuer(), grant);
    claims = accountClaims(tokens.idToken);
  } catch {
    return sessions.fail(session.id, 'openai_unavailable')
      ? { kind: 'failed', failure: 'openai_unavailable', auditIds: [] }
      : { kind: 'gone' };
  }

  try {
    return writeTransaction(db, () => connect(deps, session, tokens, claims));
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    // The invite stopped being acceptable between the check and the accept (it expired that
    // very moment): the transaction rolled back whole, so only the session needs closing.
    return sessions.fail(session.id, 'invite_unavailable')
      ? { kind: 'failed', failure: 'invite_unavailable', auditIds: [] }
      : { kind: 'gone' };
  }
}

function connect(deps: Deps, session: SessionRow, tokens: OAuthTokens, claims: AccountClaims): Completion {
  const { query, invites, sessions, upstreams, audit, now } = deps;
  const current = sessions.byId(session.id);
  if (!current || current.state !== 'pending') return { kind: 'gone' };
  const invite = query.byTokenHash(current.token_hash);
  if (!usable(invite, now())) {
    sessions.fail(current.id, 'invite_unavailable');
    return { kind: 'failed', failure: 'invite_unavailable', auditIds: [] };
  }
  const invitee = { kind: 'invitee' as const, name: claims.email ?? 'an unknown account' };
  if (claims.email !== invite.email) {
    sessions.fail(current.id, 'email_mismatch', claims.email);
    const auditId = audit.record({
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
    return { kind: 'failed', failure: 'email_mismatch', auditIds: [auditId] };
  }
  if (!claims.accountId || !claims.userId) {
    sessions.fail(current.id, 'openai_unavailable');
    return { kind: 'failed', failure: 'openai_unavailable', auditIds: [] };
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
  const accepted = invites.acceptWithin(current.token_hash, {
    acceptedByEmail: invite.email,
    upstreamId: link.upstreamId,
  });
  sessions.connect(current.id, invite.email);
  const linkedAudit = audit.record({
    actor: invitee,
    action: 'upstream.linked',
    targetType: 'upstream',
    targetId: link.upstreamId,
    poolId: invite.pool_id,
    details: { email: invite.email, poolName: invite.pool_name, planType: claims.planType, created: link.created },
  });
  return {
    kind: 'connected',
    inviteId: invite.id,
    poolId: invite.pool_id,
    poolName: invite.pool_name,
    email: invite.email,
    upstreamId: link.upstreamId,
    auditIds: [accepted.auditId, linkedAudit],
  };
}
