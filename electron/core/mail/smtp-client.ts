import type { SmtpFailure, SmtpSecurity } from '../../../shared/contract';
import { classifySmtpError } from './smtp-errors';

export interface SmtpConnection {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string;
  password: string | null;
  allowUntrustedCertificates: boolean;
  timeoutSeconds: number;
  from: { name: string; address: string };
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export type SmtpOutcome =
  | { ok: true }
  | { ok: false; failure: SmtpFailure; detail: { code?: string; responseCode?: number; command?: string } };

/** nodemailer is loaded on first use: most starts send no mail, and loading it is a good part of a start. */
async function createTransport(connection: SmtpConnection) {
  const { default: nodemailer } = await import('nodemailer');
  const timeout = connection.timeoutSeconds * 1000;
  return nodemailer.createTransport({
    host: connection.host,
    port: connection.port,
    secure: connection.security === 'tls',
    requireTLS: connection.security === 'starttls',
    ignoreTLS: connection.security === 'none',
    ...(connection.username ? { auth: { user: connection.username, pass: connection.password ?? '' } } : {}),
    tls: { rejectUnauthorized: !connection.allowUntrustedCertificates, minVersion: 'TLSv1.2' },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    logger: false,
    debug: false,
  });
}

/**
 * Runs one SMTP exchange with a deadline on the whole of it (nodemailer's own timeouts bound each
 * step, not the sum), and classifies any failure. Never throws.
 */
async function exchange(
  connection: SmtpConnection,
  work: (transport: Awaited<ReturnType<typeof createTransport>>) => Promise<unknown>,
): Promise<SmtpOutcome> {
  const transport = await createTransport(connection);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error('SMTP exchange timed out'), { code: 'ETIMEDOUT' })),
      connection.timeoutSeconds * 1000,
    );
  });
  try {
    await Promise.race([work(transport), deadline]);
    return { ok: true };
  } catch (error) {
    const err = error as { code?: string; responseCode?: number; command?: string };
    return {
      ok: false,
      failure: classifySmtpError(error),
      detail: { code: err.code, responseCode: err.responseCode, command: err.command },
    };
  } finally {
    clearTimeout(timer);
    transport.close();
  }
}

/** Connects, negotiates security and logs in, without sending anything. */
export function verifySmtp(connection: SmtpConnection): Promise<SmtpOutcome> {
  return exchange(connection, (transport) => transport.verify());
}

export function sendMail(connection: SmtpConnection, mail: OutgoingMail): Promise<SmtpOutcome> {
  return exchange(connection, (transport) =>
    transport.sendMail({ from: connection.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html }),
  );
}
