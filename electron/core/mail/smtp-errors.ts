import type { SmtpFailure } from '../../../shared/contract';

interface NodemailerError {
  code?: string;
  responseCode?: number;
  command?: string;
  message?: string;
  cause?: { code?: string };
}

// Certificate and protocol failures surface as socket or connection errors; their underlying
// OpenSSL code (or message) is what tells a TLS problem apart from an unreachable host.
const TLS_SIGNS = /certificate|self[- ]signed|SSL|TLS|wrong version number|alert|handshake|CERT_|UNABLE_TO_VERIFY/i;

/** Sorts whatever nodemailer threw into the six outcomes the console reports. */
export function classifySmtpError(error: unknown): SmtpFailure {
  const err = (error ?? {}) as NodemailerError;
  const text = `${err.cause?.code ?? ''} ${err.message ?? ''}`;
  if (err.code === 'EAUTH' || err.responseCode === 535 || err.responseCode === 534) return 'auth_failed';
  if (err.code === 'ETIMEDOUT' || /timed? ?out/i.test(err.message ?? '')) return 'timeout';
  if (err.code === 'ETLS' || ((err.code === 'ESOCKET' || err.code === 'ECONNECTION') && TLS_SIGNS.test(text)))
    return 'tls_failed';
  if (
    err.code === 'EENVELOPE' ||
    err.code === 'EMESSAGE' ||
    (err.responseCode !== undefined && err.responseCode >= 500)
  )
    return 'rejected';
  return 'connection_failed';
}

/** The plain sentence the console shows for a failed check. */
export function smtpFailureSentence(
  failure: SmtpFailure,
  server: { host: string; port: number; timeoutSeconds: number },
): string {
  switch (failure) {
    case 'auth_failed':
      return 'The SMTP server refused the username or password.';
    case 'connection_failed':
      return `Could not connect to the SMTP server at ${server.host}:${server.port}. Check the host and port.`;
    case 'tls_failed':
      return 'The secure connection to the SMTP server failed: its certificate is not trusted, or the security setting does not match the server.';
    case 'timeout':
      return `The SMTP server did not answer within ${server.timeoutSeconds} second${server.timeoutSeconds === 1 ? '' : 's'}.`;
    case 'rejected':
      return 'The SMTP server refused the message (the sender or recipient address, for example).';
  }
}
