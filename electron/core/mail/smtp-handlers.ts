import type { HandlersOf } from '../rpc/dispatch';
import type { SettingsService } from '../settings/settings-service';
import type { SmtpService } from './smtp-service';
import { sendTestEmail } from './test-email';

export function smtpHandlers(deps: { smtp: SmtpService; settings: SettingsService }): HandlersOf<'smtp'> {
  const { smtp, settings } = deps;
  return {
    'smtp.get': () => smtp.get(),
    'smtp.update': (input, caller) => smtp.update(input, caller.actor),
    'smtp.verify': async () => {
      await smtp.assertCanSend('Set up and enable email delivery first.');
      return smtp.verify();
    },
    'smtp.sendTest': async (_input, caller) => sendTestEmail(smtp, (await settings.get(caller.person)).operator?.email),
  };
}
