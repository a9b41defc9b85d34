import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSilentServer, startSmtpServer, type TestSmtpServer } from '../../../support/smtp-test-server';
import { freePort } from '../../../support/free-port';
import { startTestCore, type TestCore } from '../../../support/test-core';
import { smtpSettings } from '../../../support/smtp-settings';

const AUTH = { user: 'mailer', pass: 'correct horse battery staple' };
let t: TestCore;
const cleanups: (() => unknown)[] = [];

beforeEach(async () => {
  t = await startTestCore();
  await t.call('settings.updateOperator', { displayName: 'Ada', email: 'ada@example.com' });
});
afterEach(async () => {
  for (const fn of cleanups.splice(0)) await fn();
  await t.dispose();
});

async function server(options: Parameters<typeof startSmtpServer>[0]): Promise<TestSmtpServer> {
  const s = await startSmtpServer(options);
  cleanups.push(s.close);
  return s;
}

describe('verifying SMTP settings against real servers', () => {
  it('STARTTLS with a login: refuses a self-signed certificate until untrusted certificates are allowed', async () => {
    const s = await server({ mode: 'starttls', auth: AUTH });
    const password = { action: 'replace' as const, value: AUTH.pass };
    await t.call('smtp.update', smtpSettings(s.port, { security: 'starttls', username: AUTH.user, password }));
    expect(await t.call('smtp.verify', {})).toMatchObject({
      result: 'tls_failed',
      message: expect.stringContaining('certificate'),
    });
    await t.call(
      'smtp.update',
      smtpSettings(s.port, { security: 'starttls', username: AUTH.user, allowUntrustedCertificates: true }),
    );
    expect(await t.call('smtp.verify', {})).toEqual({
      result: 'ok',
      message: `Connected to 127.0.0.1:${s.port} and signed in. The settings work.`,
    });
    const test = await t.call('smtp.sendTest', {});
    expect(test).toMatchObject({ result: 'ok', to: 'ada@example.com' });
    const [mail] = await s.waitForMessages(1);
    expect(mail?.subject).toBe('Pooler Console test email');
    expect(mail?.to).toMatchObject({ text: 'ada@example.com' });
  });

  it('implicit TLS: the same, on a TLS-from-the-start port', async () => {
    const s = await server({ mode: 'tls', auth: AUTH });
    const password = { action: 'replace' as const, value: AUTH.pass };
    await t.call('smtp.update', smtpSettings(s.port, { security: 'tls', username: AUTH.user, password }));
    expect((await t.call('smtp.verify', {})).result).toBe('tls_failed');
    await t.call(
      'smtp.update',
      smtpSettings(s.port, { security: 'tls', username: AUTH.user, allowUntrustedCertificates: true }),
    );
    expect((await t.call('smtp.verify', {})).result).toBe('ok');
  });

  it('plain SMTP without a login', async () => {
    const s = await server({ mode: 'plain' });
    await t.call('smtp.update', smtpSettings(s.port));
    expect(await t.call('smtp.verify', {})).toEqual({
      result: 'ok',
      message: `Connected to 127.0.0.1:${s.port}. The settings work.`,
    });
  });

  it('a wrong password is auth_failed', async () => {
    const s = await server({ mode: 'plain', auth: AUTH });
    await t.call(
      'smtp.update',
      // A plain server: the password travels in clear, knowingly.
      smtpSettings(s.port, {
        username: AUTH.user,
        password: { action: 'replace', value: 'wrong' },
        sendPasswordUnencrypted: true,
      }),
    );
    expect(await t.call('smtp.verify', {})).toEqual({
      result: 'auth_failed',
      message: 'The SMTP server refused the username or password.',
    });
  });

  it('nothing listening is connection_failed', async () => {
    const port = await freePort();
    await t.call('smtp.update', smtpSettings(port));
    expect(await t.call('smtp.verify', {})).toEqual({
      result: 'connection_failed',
      message: `Could not connect to the SMTP server at 127.0.0.1:${port}. Check the host and port.`,
    });
  });

  it('a server that never answers is a timeout, within the configured bound', async () => {
    const silent = await startSilentServer();
    cleanups.push(silent.close);
    await t.call('smtp.update', smtpSettings(silent.port, { timeoutSeconds: 1 }));
    const started = Date.now();
    expect(await t.call('smtp.verify', {})).toEqual({
      result: 'timeout',
      message: 'The SMTP server did not answer within 1 second.',
    });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('a 550 on RCPT is rejected', async () => {
    const s = await server({ mode: 'plain', rejectRecipients: /^ada@/ });
    await t.call('smtp.update', smtpSettings(s.port));
    expect(await t.call('smtp.sendTest', {})).toMatchObject({ result: 'rejected', to: 'ada@example.com' });
    expect(s.messages).toEqual([]);
  });

  it('refuses to verify or send before SMTP is set up', async () => {
    expect(await t.raw('smtp.verify', {})).toMatchObject({ ok: false, error: { code: 'smtp_not_configured' } });
    expect(await t.raw('smtp.sendTest', {})).toMatchObject({ ok: false, error: { code: 'smtp_not_configured' } });
  });
});
