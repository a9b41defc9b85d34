import { userInfo } from 'node:os';
import { expect, screenshot, test } from './fixtures';

test('first run asks who the operator is, validates inline, then remembers', async ({ page, app, pooler }) => {
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
  await expect(app.operatorCard).toContainText('ada@example.com');

  await page.reload();
  await expect(app.at('/invites').heading).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const settings = await app.goTo('/settings');
  await expect(settings.operator.getByLabel('Display name')).toHaveValue('Ada Lovelace');
});
