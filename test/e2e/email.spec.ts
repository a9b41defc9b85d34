import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../electron/core';
import { hashInviteToken } from '../../electron/core/invites/invite-token';
import { expect, rpc, screenshot, seedPool, SMTP_LOGIN, smtpSettings, test } from './fixtures';

function tokenHashIsStored(dataDir: string, url: string): boolean {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const token = url.split('/').pop() ?? '';
    return db.prepare('SELECT 1 FROM invites WHERE token_hash = ?').get(hashInviteToken(token)) !== undefined;
  } finally {
    db.close();
  }
}

test('configure SMTP, verify, email an invite, then reissue it', async ({ page, context, app, pooler, smtp }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await seedPool(pooler);
  const { email } = await app.open('/settings');
  await email.getByLabel('Send email (invite emails and reissues)').check();
  await email.getByLabel('Host').fill('127.0.0.1');
  await email.getByLabel('Port').fill(String(smtp.port));
  await email.getByLabel('Username').fill(SMTP_LOGIN.user);
  await email.getByLabel('Password').fill(SMTP_LOGIN.pass);
  await email.getByLabel('From address').fill('console@pooler.example');
  await email.getByLabel('Allow untrusted certificates').check();
  await email.getByRole('button', { name: 'Save email settings' }).click();
  await expect(app.notice('Email settings saved.')).toBeVisible();
  await expect(email.getByText('stored')).toBeVisible();
  await expect(email.getByLabel('Password')).toHaveCount(0);
  await email.getByRole('button', { name: 'Verify connection' }).click();
  await expect(email.getByRole('status')).toHaveText(
    `Connected to 127.0.0.1:${smtp.port} and signed in. The settings work.`,
  );
  await screenshot(page, 'settings-email-light');
  expect(await page.content()).not.toContain(SMTP_LOGIN.pass);

  const invites = await app.goTo('/invites');
  const dialog = await invites.openCreateDialog();
  await expect(dialog.sendEmail).toBeChecked();
  const result = await dialog.create('bob@example.com');
  await expect(result.root).toContainText('Email sent to bob@example.com.');
  const firstUrl = await result.link();
  const [first] = await smtp.waitForMessages(1);
  expect(first?.to).toMatchObject({ text: 'bob@example.com' });
  expect(first?.text).toContain(firstUrl);
  await screenshot(page, 'invites-emailed-light');
  await result.copyAndClose();
  const row = invites.row('bob@example.com');
  await expect(row.getByRole('img', { name: /Invite email sent/ })).toBeVisible();

  await invites.chooseAction('bob@example.com', /Reissue/);
  await expect(result.root).toContainText('no longer works');
  await expect(result.root).toContainText('Email sent to bob@example.com.');
  const secondUrl = await result.link();
  expect(secondUrl).not.toBe(firstUrl);
  const messages = await smtp.waitForMessages(2);
  expect(messages[1]?.text).toContain(secondUrl);
  expect(tokenHashIsStored(pooler.dataDir, firstUrl)).toBe(false);
  expect(tokenHashIsStored(pooler.dataDir, secondUrl)).toBe(true);
  await result.copyAndClose();
  await expect(row).toContainText('Active');
});

test('a failed delivery says so, keeps the invite, and shows the URL to share by hand', async ({
  page,
  app,
  pooler,
  smtp,
}) => {
  await seedPool(pooler);
  await rpc(
    pooler,
    'smtp.update',
    smtpSettings(smtp.port, {
      security: 'starttls',
      username: SMTP_LOGIN.user,
      password: { action: 'replace', value: 'not-the-password' },
      allowUntrustedCertificates: true,
    }),
  );
  const invites = await app.open('/invites');
  const result = await invites.createInvite('bob@example.com');
  await expect(result.root).toContainText(
    'Email could not be sent: the SMTP server refused the username or password. Share the URL manually.',
  );
  await expect(result.url).toContainText('/onboarding/invites/');
  await screenshot(page, 'invites-email-failed-light');
  await result.copyAndClose();
  const row = invites.row('bob@example.com');
  await expect(row).toContainText('Active');
  await expect(row.getByRole('img', { name: /Invite email failed/ })).toBeVisible();
});

test('an open Invites page learns that SMTP is set up without a reload', async ({ app, pooler, smtp }) => {
  await seedPool(pooler);
  const invites = await app.open('/invites');
  const dialog = await invites.openCreateDialog();
  await expect(dialog.sendEmail).toBeDisabled();
  await expect(dialog.root.getByText('Email delivery is unavailable until SMTP is configured.')).toBeVisible();
  await rpc(pooler, 'smtp.update', smtpSettings(smtp.port));
  await expect(dialog.sendEmail).toBeEnabled();
  await expect(dialog.root.getByText('Email delivery is unavailable until SMTP is configured.')).toHaveCount(0);
});

test('security None with a username warns that the password travels in clear and asks to confirm', async ({
  page,
  app,
  smtp,
}) => {
  const { email } = await app.open('/settings');
  await email.getByLabel('Send email (invite emails and reissues)').check();
  await email.getByLabel('Host').fill('127.0.0.1');
  await email.getByLabel('Port').fill(String(smtp.port));
  await email.getByLabel('From address').fill('console@pooler.example');
  await email.getByLabel('Security').click();
  await page.getByRole('option', { name: 'None (plain)' }).click();
  const warning = email.getByText(/With security None, the password is sent unencrypted/);
  await expect(warning).toHaveCount(0);
  await email.getByLabel('Username').fill(SMTP_LOGIN.user);
  await expect(warning).toContainText('anyone on the network between this computer and 127.0.0.1 can read it');
  const save = email.getByRole('button', { name: 'Save email settings' });
  await expect(save).toBeDisabled();
  await screenshot(page, 'settings-email-in-clear-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'settings-email-in-clear-dark');
  await email.getByLabel('Send the password unencrypted anyway').check();
  await save.click();
  await expect(app.notice('Email settings saved.')).toBeVisible();
  await page.reload();
  await expect(email.getByLabel('Send the password unencrypted anyway')).toBeChecked();
});
