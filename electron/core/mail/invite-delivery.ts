import { SMTP_FAILURE_REASONS, type InviteExpiry, type IssuedInvite } from '../../../shared/contract';
import type { Actor } from '../audit/audit-log';
import type { InvitesService } from '../invites/invites-service';
import { renderInviteEmail } from './invite-email';
import type { SmtpService } from './smtp-service';

export interface InviteDelivery {
  /** Creates an invite and, when asked, emails it. */
  create(
    input: { poolId: string; email: string; expiry: InviteExpiry; sendEmail: boolean },
    actor: Actor,
  ): Promise<IssuedInvite>;
  /** Creates a relink link for an account and, when asked, emails it to the account's owner. */
  createRelink(
    input: { upstream: { id: string; email: string }; poolId: string; expiry: InviteExpiry; sendEmail: boolean },
    actor: Actor,
  ): Promise<IssuedInvite>;
  /** A new link for an active invite, emailed: without SMTP the operator revokes and creates instead. */
  reissue(id: string, actor: Actor): Promise<IssuedInvite>;
}

/**
 * Invites that go out by email. A failed delivery leaves the invite active and is recorded on it;
 * the result dialog still shows the URL, so the operator can share it by hand.
 */
export function createInviteDelivery(deps: {
  smtp: SmtpService;
  invites: InvitesService;
  now: () => number;
}): InviteDelivery {
  const { smtp, invites, now } = deps;

  async function email(issued: IssuedInvite, inviter: string): Promise<IssuedInvite> {
    const mail = renderInviteEmail({
      kind: issued.invite.kind,
      to: issued.invite.email,
      inviter,
      poolName: issued.invite.poolName,
      url: issued.url,
      expiresAt: issued.invite.expiresAt,
      now: now(),
    });
    const outcome = await smtp.send(mail);
    if (outcome.ok) {
      const invite = await invites.recordEmail(issued.invite.id, { sent: true });
      return { ...issued, invite, email: { outcome: 'sent', reason: null } };
    }
    const invite = await invites.recordEmail(issued.invite.id, { sent: false, error: outcome.failure });
    return { ...issued, invite, email: { outcome: 'failed', reason: SMTP_FAILURE_REASONS[outcome.failure] } };
  }

  return {
    async create(input, actor) {
      if (input.sendEmail) await smtp.assertCanSend('Email delivery is unavailable until SMTP is configured.');
      const issued = await invites.create(
        { poolId: input.poolId, email: input.email, expiry: input.expiry, emailRequested: input.sendEmail },
        actor,
      );
      return input.sendEmail ? email(issued, actor.name) : issued;
    },
    async createRelink(input, actor) {
      if (input.sendEmail) await smtp.assertCanSend('Email delivery is unavailable until SMTP is configured.');
      const issued = await invites.createRelink({ ...input, emailRequested: input.sendEmail }, actor);
      return input.sendEmail ? email(issued, actor.name) : issued;
    },
    async reissue(id, actor) {
      await smtp.assertCanSend('Reissue emails the new link, so it needs SMTP to be configured.');
      return email(await invites.reissue(id, actor, { emailRequested: true }), actor.name);
    },
  };
}
