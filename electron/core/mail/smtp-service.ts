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
  get(): Promise<SmtpSettings>;
  configured(): Promise<boolean>;
  update(input: SmtpUpdate, actor: Actor): Promise<SmtpSettings>;
  verify(): Promise<SmtpCheck>;
  /** Sends one message with the saved settings; the outcome is classified, never thrown. */
  send(mail: OutgoingMail): Promise<SmtpOutcome>;
  describe(outcome: SmtpOutcome, success: string): Promise<SmtpCheck>;
  /** Email is about to be sent: SMTP must be set up, and its password readable. `reason` says why it is needed. */
  assertCanSend(reason: string): Promise<void>;
}

export function createSmtpService(deps: Pick<Foundation, 'store' | 'secrets' | 'changes' | 'logger'>): SmtpService {
  const { store, secrets, changes, logger } = deps;
  const stored = async (): Promise<Stored> => ({ ...DEFAULTS, ...(await store.read<Partial<Stored>>(KEY)) });

  async function get(): Promise<SmtpSettings> {
    const s = await stored();
    return {
      ...s,
      passwordStored: await secrets.has(PASSWORD),
      configured: s.enabled && Boolean(s.host && s.port && s.fromAddress),
    };
  }

  /** The saved settings with the password opened; throws keychain_unavailable if it cannot be. */
  async function connection(): Promise<SmtpConnection> {
    const s = await stored();
    return {
      host: s.host,
      port: s.port,
      security: s.security,
      username: s.username,
      password: s.username ? await secrets.get(PASSWORD) : null,
      allowUntrustedCertificates: s.allowUntrustedCertificates,
      timeoutSeconds: s.timeoutSeconds,
      from: { name: s.fromName, address: s.fromAddress },
    };
  }

  async function describe(outcome: SmtpOutcome, success: string): Promise<SmtpCheck> {
    return outcome.ok
      ? { result: 'ok', message: success }
      : { result: outcome.failure, message: smtpFailureSentence(outcome.failure, await stored()) };
  }

  return {
    get,
    configured: async () => (await get()).configured,
    describe,

    async update(input, actor) {
      const before = await stored();
      const { password, sendPasswordUnencrypted, ...rest } = input;
      // Kept only while it applies: choosing None with a username again asks again.
      const fields: Stored = {
        ...rest,
        sendPasswordUnencrypted: sendsPasswordInClear(rest) && sendPasswordUnencrypted === true,
      };
      await changes.write(async (write) => {
        await store.write(KEY, fields);
        if (password.action === 'replace') await secrets.put(PASSWORD, password.value);
        if (password.action === 'clear') await secrets.delete(PASSWORD);
        write.emit({ name: 'settings.changed', payload: {} });
        const changed: Record<string, { from: unknown; to: unknown }> = {};
        for (const field of AUDITED_FIELDS) {
          if (before[field] !== fields[field]) changed[field] = { from: before[field], to: fields[field] };
        }
        if (Object.keys(changed).length === 0 && password.action === 'keep') return;
        // The password itself never enters the audit log: only that it changed.
        const passwordChange = { keep: undefined, replace: 'replaced', clear: 'cleared' } as const;
        const details = { changes: changed, password: passwordChange[password.action] };
        await write.audit({
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

    async assertCanSend(reason) {
      if (!(await get()).configured) {
        throw new AppError('smtp_not_configured', reason, {
          sendEmail: 'Email delivery is unavailable until SMTP is configured.',
        });
      }
      if ((await stored()).username) secrets.require();
    },

    async verify() {
      const outcome = await verifySmtp(await connection());
      if (!outcome.ok) logger.warn({ failure: outcome.failure, ...outcome.detail }, 'SMTP verification failed');
      const s = await stored();
      return describe(
        outcome,
        `Connected to ${s.host}:${s.port}${s.username ? ' and signed in' : ''}. The settings work.`,
      );
    },

    async send(mail) {
      const outcome = await sendMail(await connection(), mail);
      if (!outcome.ok) logger.warn({ failure: outcome.failure, ...outcome.detail }, 'SMTP delivery failed');
      return outcome;
    },
  };
}
