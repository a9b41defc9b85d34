import type { SmtpCheck } from '../../../shared/contract';
import { AppError } from '../errors';
import type { SmtpService } from './smtp-service';

const TEXT = 'This is a test email from Pooler Console. Invite emails will be sent the same way.';

/** Settings → Email → Send test email: one message to the operator, with the saved settings. */
export async function sendTestEmail(smtp: SmtpService, to: string | undefined): Promise<SmtpCheck & { to: string }> {
  await smtp.assertCanSend('Set up and enable email delivery first.');
  if (!to) {
    throw new AppError('validation_failed', 'Add your email to the operator profile first: the test email goes there.');
  }
  const outcome = await smtp.send({ to, subject: 'Pooler Console test email', text: TEXT, html: `<p>${TEXT}</p>` });
  return { ...(await smtp.describe(outcome, `The test email was accepted for delivery to ${to}.`)), to };
}
