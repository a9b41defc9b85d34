import { SMTP_FAILURE_REASONS, type IssuedInvite } from '../../../shared/contract';
import type { InvitesService } from '../invites/invites-service';
import { renderInviteEmail } from './invite-email';
import type { SmtpService } from './smtp-service';

/**
 * Emails a freshly issued invite and records the outcome on it. A failure leaves the invite
 * active; the result dialog still shows the URL, so the operator can share it by hand.
 */
export async function emailIssuedInvite(
  deps: { smtp: SmtpService; invites: InvitesService; now: () => number },
  issued: IssuedInvite,
  inviter: string,
): Promise<IssuedInvite> {
  const mail = renderInviteEmail({
    to: issued.invite.email,
    inviter,
    poolName: issued.invite.poolName,
    url: issued.url,
    expiresAt: issued.invite.expiresAt,
    now: deps.now(),
  });
  const outcome = await deps.smtp.send(mail);
  if (outcome.ok) {
    const invite = deps.invites.recordEmail(issued.invite.id, { sent: true });
    return { ...issued, invite, email: { outcome: 'sent', reason: null } };
  }
  const invite = deps.invites.recordEmail(issued.invite.id, { sent: false, error: outcome.failure });
  return { ...issued, invite, email: { outcome: 'failed', reason: SMTP_FAILURE_REASONS[outcome.failure] } };
}
