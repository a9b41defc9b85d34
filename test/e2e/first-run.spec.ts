import { userInfo } from 'node:os';
import { expect, screenshot, test } from './fixtures';

test('first run asks who the operator is, validates inline, then remembers', async ({ page, pooler }) => {
  await page.goto(pooler.url);
  const dialog = page.getByRole('dialog', { name: 'Welcome to Pooler Console' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Display name')).toHaveValue(userInfo().username);
  await screenshot(page, 'first-run-light');

  const email = dialog.getByLabel('Email');
  const submit = dialog.getByRole('button', { name: 'Continue' });
  await email.fill('ada@example');
  await expect(dialog.getByText('Email must be a valid email address, like name@example.com.')).toBeVisible();
  await expect(submit).toBeDisabled();
  await dialog.getByLabel('Display name').fill('<b>Ada</b>');
  await expect(dialog.getByText('Display name cannot contain < or >.')).toBeVisible();
  await screenshot(page, 'first-run-errors-light');

  await dialog.getByLabel('Display name').fill('Ada Lovelace');
  await email.fill('Ada@Example.com');
  await expect(submit).toBeEnabled();
  await submit.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByText('ada@example.com')).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Invites' })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByLabel('Display name')).toHaveValue('Ada Lovelace');
});
