import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../../shared/contract';
import { VALID_INPUTS } from '../../../support/contract-samples';
import { allFiles } from '../../../support/data-files';
import { startSmtpServer, type TestSmtpServer } from '../../../support/smtp-test-server';
import { startTestCore, type TestCore } from '../../../support/test-core';
import { smtpSettings } from '../../../support/smtp-settings';

const PASSWORD = 'p@ss<w0rd>&"quotes"-unique-7731';
/** The test server speaks plain SMTP: signing in to it sends the password in clear, knowingly. */
const IN_CLEAR = { username: 'mailer', sendPasswordUnencrypted: true } as const;
let t: TestCore;
let smtp: TestSmtpServer;

beforeEach(async () => {
  smtp = await startSmtpServer({ mode: 'plain', auth: { user: 'mailer', pass: PASSWORD } });
  t = await startTestCore({ env: { POOLER_LOG_LEVEL: 'trace' } });
  await t.call('settings.updateOperator', { displayName: 'Ada', email: 'ada@example.com' });
});
afterEach(async () => {
  await smtp.close();
  await t.dispose();
});

describe('SMTP settings', () => {
  it('start disabled with sensible defaults', async () => {
    expect(await t.call('smtp.get', {})).toEqual({
      enabled: false,
      host: '',
      port: 587,
      security: 'starttls',
      username: '',
      passwordStored: false,
      fromAddress: '',
      fromName: 'Pooler Console',
      allowUntrustedCertificates: false,
      sendPasswordUnencrypted: false,
      timeoutSeconds: 15,
      configured: false,
    });
    expect((await t.call('settings.get', {})).smtpConfigured).toBe(false);
  });

  it('need a host and a from address once enabled', async () => {
    const result = await t.raw('smtp.update', smtpSettings(25, { host: '', fromAddress: '' }));
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'validation_failed',
        fields: { host: 'Host is required to send email.', fromAddress: 'From address is required to send email.' },
      },
    });
    expect(await t.raw('smtp.update', smtpSettings(25, { host: 'https://smtp.example.com' }))).toMatchObject({
      error: { fields: { host: expect.any(String) } },
    });
    expect(await t.raw('smtp.update', smtpSettings(25, { enabled: false, host: '', fromAddress: '' }))).toMatchObject({
      ok: true,
    });
  });

  it('refuse security None with a username unless sending the password in clear is confirmed', async () => {
    const before = await t.call('smtp.get', {});
    const refused = await t.raw('smtp.update', smtpSettings(smtp.port, { username: 'mailer' }));
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'validation_failed',
        fields: {
          sendPasswordUnencrypted: expect.stringMatching(/^With security None the password travels unencrypted/),
        },
      },
    });
    expect(
      await t.raw('smtp.update', smtpSettings(smtp.port, { ...IN_CLEAR, sendPasswordUnencrypted: false })),
    ).toMatchObject({
      ok: false,
    });
    expect(await t.call('smtp.get', {})).toEqual(before);
    // Without a username nothing secret travels; with TLS nothing travels in clear.
    expect((await t.call('smtp.update', smtpSettings(smtp.port))).sendPasswordUnencrypted).toBe(false);
    expect((await t.call('smtp.update', smtpSettings(smtp.port, IN_CLEAR))).sendPasswordUnencrypted).toBe(true);
    // The confirmation lapses when it no longer applies, so choosing None again asks again.
    const secured = await t.call('smtp.update', smtpSettings(smtp.port, { ...IN_CLEAR, security: 'starttls' }));
    expect(secured.sendPasswordUnencrypted).toBe(false);
  });

  it('keep the password write-only: stored, replaced, kept, cleared, and only that it changed is audited', async () => {
    const saved = await t.call(
      'smtp.update',
      smtpSettings(smtp.port, { ...IN_CLEAR, password: { action: 'replace', value: PASSWORD } }),
    );
    expect(saved).toMatchObject({ passwordStored: true, configured: true, username: 'mailer' });
    expect((await t.call('settings.get', {})).smtpConfigured).toBe(true);
    expect((await t.call('smtp.verify', {})).result).toBe('ok');
    await t.call('smtp.update', smtpSettings(smtp.port, { ...IN_CLEAR, fromName: 'Pool Ops' }));
    expect((await t.call('smtp.verify', {})).result).toBe('ok');
    expect(
      (await t.call('smtp.update', smtpSettings(smtp.port, { ...IN_CLEAR, password: { action: 'clear' } })))
        .passwordStored,
    ).toBe(false);
    expect((await t.call('smtp.verify', {})).result).toBe('auth_failed');

    const entries = (await t.call('audit.list', { action: 'smtp.settings_changed' })).entries.map((e) => e.details);
    expect(entries).toEqual([
      { changes: { fromName: { from: 'Pool Ops', to: 'Pooler Console' } }, password: 'cleared' },
      { changes: { fromName: { from: 'Pooler Console', to: 'Pool Ops' } } },
      {
        changes: {
          enabled: { from: false, to: true },
          host: { from: '', to: '127.0.0.1' },
          port: { from: 587, to: smtp.port },
          security: { from: 'starttls', to: 'none' },
          username: { from: '', to: 'mailer' },
          sendPasswordUnencrypted: { from: false, to: true },
          fromAddress: { from: '', to: 'console@pooler.example' },
          timeoutSeconds: { from: 15, to: 5 },
        },
        password: 'replaced',
      },
    ]);
  });

  it('never let the password out: not in SQLite bytes, logs, the audit log or any output', async () => {
    const saved = await t.raw(
      'smtp.update',
      smtpSettings(smtp.port, { ...IN_CLEAR, password: { action: 'replace', value: PASSWORD } }),
    );
    expect(JSON.stringify(saved)).not.toContain(PASSWORD);
    await t.call('smtp.verify', {});
    await t.call('smtp.sendTest', {});
    await t.call(
      'smtp.update',
      smtpSettings(smtp.port, { ...IN_CLEAR, password: { action: 'replace', value: 'wrong' } }),
    );
    await t.call('smtp.verify', {});

    for (const file of allFiles(t.dataDir)) {
      expect(readFileSync(file).includes(Buffer.from(PASSWORD)), file).toBe(false);
    }
    // Every channel that reads, with the contract's own sample input.
    for (const channel of CHANNEL_NAMES.filter((c) => /\.(get|list|status|retrieve)$/.test(c))) {
      const output = JSON.stringify(await t.raw(channel, VALID_INPUTS[channel]));
      expect(output, channel).not.toContain(PASSWORD);
    }
    expect(JSON.stringify(await t.raw('audit.list', { limit: 200 }))).not.toContain(PASSWORD);
  });
});
