import type { SmtpUpdate } from '../../shared/contract';

/** SMTP settings aimed at a test server on 127.0.0.1. */
export function smtpSettings(port: number, overrides: Partial<SmtpUpdate> = {}): SmtpUpdate {
  return {
    enabled: true,
    host: '127.0.0.1',
    port,
    security: 'none',
    username: '',
    password: { action: 'keep' },
    fromAddress: 'console@pooler.example',
    fromName: 'Pooler Console',
    allowUntrustedCertificates: false,
    timeoutSeconds: 5,
    ...overrides,
  };
}
