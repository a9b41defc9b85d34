import type { Foundation } from '../foundation';
import {
  sendsPasswordInClear,
  SMTP_TIMEOUT_DEFAULT,
  type SmtpCheck,
  type SmtpSettings,
  type SmtpUpdate,
} from '../../../shared/contract';
import type { Actor } from '../audit/audit-log';
import { AppError } from '../errors';
import { sendMail, verifySmtp, type OutgoingMail, type SmtpConnection, type SmtpOutcome } from './smtp-client';
import { smtpFailureSentence } from './smtp-errors';

const KEY = 'smtp';
const PASSWORD = 'smtp.password';

type Stored = Omit<SmtpSettings, 'passwordStored' | 'configured'>;

const DEFAULTS: Stored = {
  enabled: false,
  host: '',
  port: 587,
  security: 'starttls',
  username: '',
  fromAddress: '',
  fromName: 'Pooler Console',
  allowUntrustedCertificates: false,
  sendPasswordUnencrypted: false,
  timeoutSeconds: SMTP_TIMEOUT_DEFAULT,
};

const AUDITED_FIELDS = Object.keys(DEFAULTS) as (keyof Stored)[];

export interface SmtpService {
  get(): SmtpSettings;
  configured(): boolean;
  update(input: SmtpUpdate, actor: Actor): SmtpSettings;
  verify(): Promise<SmtpCheck>;
  /** Sends one message with the saved settings; the outcome is classified, never thrown. */
  send(mail: OutgoingMail): Promise<SmtpOutcome>;
  describe(outcome: SmtpOutcome, success: string): SmtpCheck;
  /** Email is about to be sent: SMTP must be set up, and its password readable. `reason` says why it is needed. */
  assertCanSend(reason: string): void;
}

export function createSmtpService(deps: Pick<Foundation, 'store' | 'secrets' | 'changes' | 'logger'>): SmtpService {
  const { store, secrets, changes, logger } = deps;
  const stored = (): Stored => ({ ...DEFAULTS, ...store.read<Partial<Stored>>(KEY) });

  function get(): SmtpSettings {
    const s = stored();
    return {
      ...s,
      passwordStored: secrets.has(PASSWORD),
      configured: s.enabled && Boolean(s.host && s.port && s.fromAddress),
    };
  }

  /** The saved settings with the password opened; throws keychain_unavailable if it cannot be. */
  function connection(): SmtpConnection {
    const s = stored();
    return {
      host: s.host,
      port: s.port,
      security: s.security,
      username: s.username,
      password: s.username ? secrets.get(PASSWORD) : null,
      allowUntrustedCertificates: s.allowUntrustedCertificates,
      timeoutSeconds: s.timeoutSeconds,
      from: { name: s.fromName, address: s.fromAddress },
    };
  }

  function describe(outcome: SmtpOutcome, success: string): SmtpCheck {
    return outcome.ok
      ? { result: 'ok', message: success }
      : { result: outcome.failure, message: smtpFailureSentence(outcome.failure, stored()) };
  }

  return {
    get,
    configured: () => get().configured,
    describe,

    update(input, actor) {
      const before = stored();
      const { password, sendPasswordUnencrypted, ...rest } = input;
      // Kept only while it applies: choosing None with a username again asks again.
      const fields: Stored = {
        ...rest,
        sendPasswordUnencrypted: sendsPasswordInClear(rest) && sendPasswordUnencrypted === true,
      };
      changes.write((write) => {
        store.write(KEY, fields);
        if (password.action === 'replace') secrets.put(PASSWORD, password.value);
        if (password.action === 'clear') secrets.delete(PASSWORD);
        write.emit({ name: 'settings.changed', payload: {} });
        const changed: Record<string, { from: unknown; to: unknown }> = {};
        for (const field of AUDITED_FIELDS) {
          if (before[field] !== fields[field]) changed[field] = { from: before[field], to: fields[field] };
        }
        if (Object.keys(changed).length === 0 && password.action === 'keep') return;
        // The password itself never enters the audit log: only that it changed.
        const passwordChange = { keep: undefined, replace: 'replaced', clear: 'cleared' } as const;
        const details = { changes: changed, password: passwordChange[password.action] };
        write.audit({
          actor,
          action: 'smtp.settings_changed',
          targetType: 'settings',
          targetId: KEY,
          poolId: null,
          details,
        });
      });
      return get();
    },

    assertCanSend(reason) {
      if (!get().configured) {
        throw new AppError('smtp_not_configured', reason, {
          sendEmail: 'Email delivery is unavailable until SMTP is configured.',
        });
      }
      if (stored().username) secrets.require();
    },

    async verify() {
      const outcome = await verifySmtp(connection());
      if (!outcome.ok) logger.warn({ failure: outcome.failure, ...outcome.detail }, 'SMTP verification failed');
      const s = stored();
      return describe(
        outcome,
        `Connected to ${s.host}:${s.port}${s.username ? ' and signed in' : ''}. The settings work.`,
      );
    },

    async send(mail) {
      const outcome = await sendMail(connection(), mail);
      if (!outcome.ok) logger.warn({ failure: outcome.failure, ...outcome.detail }, 'SMTP delivery failed');
      return outcome;
    },
  };
}
