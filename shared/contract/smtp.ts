import { z } from 'zod';
import { HOST_NAME, optionalEmailAddress, optionalText, secretText } from './fields';

const SMTP_SECURITY = ['none', 'starttls', 'tls'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

/** The outcome of talking to an SMTP server, classified. */
export const SMTP_FAILURES = ['auth_failed', 'connection_failed', 'tls_failed', 'timeout', 'rejected'] as const;
const SMTP_RESULTS = ['ok', ...SMTP_FAILURES] as const;
export type SmtpFailure = (typeof SMTP_FAILURES)[number];

export const SMTP_TIMEOUT_DEFAULT = 15;

const smtpSettingsSchema = z.object({
  enabled: z.boolean(),
  host: z.string(),
  port: z.number().int(),
  security: z.enum(SMTP_SECURITY),
  username: z.string(),
  /** Write-only: the console says whether one is stored, never what it is. */
  passwordStored: z.boolean(),
  fromAddress: z.string(),
  fromName: z.string(),
  allowUntrustedCertificates: z.boolean(),
  /** The operator confirmed the password may travel unencrypted (security None with a username). */
  sendPasswordUnencrypted: z.boolean(),
  timeoutSeconds: z.number().int(),
  /** Enabled, with host, port and from address (SPEC §4). */
  configured: z.boolean(),
});
export type SmtpSettings = z.infer<typeof smtpSettingsSchema>;

const smtpPasswordChange = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ action: z.literal('keep') }),
    z.strictObject({ action: z.literal('replace'), value: secretText('Password', 1024) }),
    z.strictObject({ action: z.literal('clear') }),
  ],
  { error: 'Password must say keep, replace (with a value) or clear.' },
);

/** Security None with a username: the server would receive the password in clear text. */
export function sendsPasswordInClear(settings: { security: SmtpSecurity; username: string }): boolean {
  return settings.security === 'none' && settings.username.trim() !== '';
}

export const smtpUpdateInput = z
  .strictObject({
    enabled: z.boolean({ error: 'Enabled must be true or false.' }),
    host: z
      .string({ error: 'Host must be text.' })
      .trim()
      .max(253, 'Host must be 253 characters or fewer.')
      .refine((v) => v === '' || HOST_NAME.test(v), 'Host must be a host name or IP address, like smtp.example.com.'),
    port: z
      .number({ error: 'Port must be a number.' })
      .int('Port must be a whole number.')
      .min(1, 'Port must be 1 to 65535.')
      .max(65535, 'Port must be 1 to 65535.'),
    security: z.enum(SMTP_SECURITY, { error: 'Security must be none, STARTTLS or TLS.' }),
    username: optionalText('Username', 254),
    password: smtpPasswordChange,
    fromAddress: optionalEmailAddress('From address'),
    fromName: optionalText('From name', 80),
    allowUntrustedCertificates: z.boolean({ error: 'Allow untrusted certificates must be true or false.' }),
    /** Required (true) when security is None and a username is set: the password would travel in clear. */
    sendPasswordUnencrypted: z.boolean({ error: 'Send the password unencrypted must be true or false.' }).optional(),
    timeoutSeconds: z
      .number({ error: 'Timeout must be a number.' })
      .int('Timeout must be whole seconds.')
      .min(1, 'Timeout must be 1 to 120 seconds.')
      .max(120, 'Timeout must be 1 to 120 seconds.'),
  })
  .superRefine((v, ctx) => {
    if (!v.enabled) return;
    if (!v.host) ctx.addIssue({ code: 'custom', path: ['host'], message: 'Host is required to send email.' });
    if (!v.fromAddress)
      ctx.addIssue({ code: 'custom', path: ['fromAddress'], message: 'From address is required to send email.' });
    if (sendsPasswordInClear(v) && v.sendPasswordUnencrypted !== true) {
      ctx.addIssue({
        code: 'custom',
        path: ['sendPasswordUnencrypted'],
        message:
          'With security None the password travels unencrypted. Choose STARTTLS or TLS, or confirm that it may be sent in clear.',
      });
    }
  });
export type SmtpUpdate = z.output<typeof smtpUpdateInput>;

const smtpCheckSchema = z.object({
  result: z.enum(SMTP_RESULTS),
  /** A plain sentence for the operator. */
  message: z.string(),
});
export type SmtpCheck = z.infer<typeof smtpCheckSchema>;

/** Short reasons, for "Email could not be sent: {reason}. Share the URL manually." */
export const SMTP_FAILURE_REASONS: Record<SmtpFailure, string> = {
  auth_failed: 'the SMTP server refused the username or password',
  connection_failed: 'the SMTP server could not be reached',
  tls_failed: 'the secure connection to the SMTP server failed',
  timeout: 'the SMTP server did not answer in time',
  rejected: 'the SMTP server refused the message',
};

export const smtpChannels = {
  'smtp.get': { input: z.strictObject({}), output: smtpSettingsSchema },
  'smtp.update': { input: smtpUpdateInput, output: smtpSettingsSchema },
  'smtp.verify': { input: z.strictObject({}), output: smtpCheckSchema },
  'smtp.sendTest': { input: z.strictObject({}), output: smtpCheckSchema.extend({ to: z.string() }) },
} as const;
