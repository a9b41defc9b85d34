import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../electron/core';
import { hashInviteToken } from '../../electron/core/invites/invite-token';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-test-server';
import { expect, openConsole, rpc, screenshot, test } from './fixtures';

let smtp: TestSmtpServer;
test.beforeEach(async () => {
  smtp = await startSmtpServer({ mode: 'starttls', auth: { user: 'mailer', pass: 'smtp-secret-pass' } });
});
test.afterEach(async () => {
  await smtp.close();
});

function tokenHashIsStored(dataDir: string, url: string): boolean {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return (
      db.prepare('SELECT 1 FROM invites WHERE token_hash = ?').get(hashInviteToken(url.split('/').pop()!)) !== undefined
    );
  } finally {
    db.close();
  }
}

test('configure SMTP, verify, email an invite, then reissue it', async ({ page, context, pooler }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await rpc(pooler, 'pools.create', { name: 'Research' });
  await openConsole(page, pooler, '/settings');
  const email = page.getByRole('region', { name: 'Email' });
  await email.getByLabel('Send email (invite emails and reissues)').check();
  await email.getByLabel('Host').fill('127.0.0.1');
  await email.getByLabel('Port').fill(String(smtp.port));
  await email.getByLabel('Username').fill('mailer');
  await email.getByLabel('Password').fill('smtp-secret-pass');
  await email.getByLabel('From address').fill('console@pooler.example');
  await email.getByLabel('Allow untrusted certificates').check();
  await email.getByRole('button', { name: 'Save email settings' }).click();
  await expect(page.getByText('Email settings saved.')).toBeVisible();
  await expect(email.getByText('stored')).toBeVisible();
  await expect(email.getByLabel('Password')).toHaveCount(0);
  await email.getByRole('button', { name: 'Verify connection' }).click();
  await expect(email.getByRole('status')).toHaveText(
    `Connected to 127.0.0.1:${smtp.port} and signed in. The settings work.`,
  );
  await screenshot(page, 'settings-email-light');
  expect(await page.content()).not.toContain('smtp-secret-pass');

  await page.getByRole('link', { name: 'Invites' }).click();
  await page.getByRole('button', { name: 'Create Pool invite' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create Pool invite' });
  await expect(dialog.getByLabel('Send invite email')).toBeChecked();
  await dialog.getByLabel('Codex account email').fill('bob@example.com');
  await dialog.getByRole('button', { name: 'Create invite' }).click();
  const result = page.getByRole('dialog', { name: 'Share this link before closing — it is shown once' });
  await expect(result).toContainText('Email sent to bob@example.com.');
  const firstUrl = (await result.getByLabel('Invite URL').textContent())!;
  const [first] = await smtp.waitForMessages(1);
  expect(first!.to).toMatchObject({ text: 'bob@example.com' });
  expect(first!.text).toContain(firstUrl);
  await screenshot(page, 'invites-emailed-light');
  await result.getByRole('button', { name: 'Copy' }).click();
  await result.getByRole('button', { name: 'Done' }).click();
  const row = page.getByRole('row', { name: 'Invite to bob@example.com' });
  await expect(row.getByRole('img', { name: /Invite email sent/ })).toBeVisible();

  await page.getByRole('button', { name: 'Actions for the invite to bob@example.com' }).click();
  await page.getByRole('menuitem', { name: /Reissue/ }).click();
  await expect(result).toContainText('no longer works');
  await expect(result).toContainText('Email sent to bob@example.com.');
  const secondUrl = (await result.getByLabel('Invite URL').textContent())!;
  expect(secondUrl).not.toBe(firstUrl);
  const messages = await smtp.waitForMessages(2);
  expect(messages[1]!.text).toContain(secondUrl);
  expect(tokenHashIsStored(pooler.dataDir, firstUrl)).toBe(false);
  expect(tokenHashIsStored(pooler.dataDir, secondUrl)).toBe(true);
  await result.getByRole('button', { name: 'Copy' }).click();
  await result.getByRole('button', { name: 'Done' }).click();
  await expect(row).toContainText('Active');
});

test('a failed delivery says so, keeps the invite, and shows the URL to share by hand', async ({ page, pooler }) => {
  await rpc(pooler, 'pools.create', { name: 'Research' });
  await rpc(pooler, 'settings.updateOperator', { displayName: 'Ada Lovelace', email: 'ada@example.com' });
  await rpc(pooler, 'smtp.update', {
    enabled: true,
    host: '127.0.0.1',
    port: smtp.port,
    security: 'starttls',
    username: 'mailer',
    password: { action: 'replace', value: 'not-the-password' },
    fromAddress: 'console@pooler.example',
    fromName: 'Pooler Console',
    allowUntrustedCertificates: true,
    timeoutSeconds: 5,
  });
  await openConsole(page, pooler);
  await page.getByRole('button', { name: 'Create Pool invite' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create Pool invite' });
  await dialog.getByLabel('Codex account email').fill('bob@example.com');
  await dialog.getByRole('button', { name: 'Create invite' }).click();
  const result = page.getByRole('dialog', { name: 'Share this link before closing — it is shown once' });
  await expect(result).toContainText(
    'Email could not be sent: the SMTP server refused the username or password. Share the URL manually.',
  );
  await expect(result.getByLabel('Invite URL')).toContainText('/onboarding/invites/');
  await screenshot(page, 'invites-email-failed-light');
  await result.getByRole('button', { name: 'Copy' }).click();
  await result.getByRole('button', { name: 'Done' }).click();
  const row = page.getByRole('row', { name: 'Invite to bob@example.com' });
  await expect(row).toContainText('Active');
  await expect(row.getByRole('img', { name: /Invite email failed/ })).toBeVisible();
});

test('an open Invites page learns that SMTP is set up without a reload', async ({ page, pooler }) => {
  await rpc(pooler, 'pools.create', { name: 'Research' });
  await openConsole(page, pooler);
  await page.getByRole('button', { name: 'Create Pool invite' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create Pool invite' });
  await expect(dialog.getByLabel('Send invite email')).toBeDisabled();
  await expect(dialog.getByText('Email delivery is unavailable until SMTP is configured.')).toBeVisible();
  await rpc(pooler, 'smtp.update', {
    enabled: true,
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    username: '',
    password: { action: 'keep' },
    fromAddress: 'console@pooler.example',
    fromName: 'Pooler Console',
    allowUntrustedCertificates: false,
    timeoutSeconds: 5,
  });
  await expect(dialog.getByLabel('Send invite email')).toBeEnabled();
  await expect(dialog.getByText('Email delivery is unavailable until SMTP is configured.')).toHaveCount(0);
});
