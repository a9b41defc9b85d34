import { expect, openConsole, rpc, screenshot, test } from './fixtures';

const DARK_BACKGROUND = 'rgb(14, 17, 22)';
const LIGHT_BACKGROUND = 'rgb(245, 246, 248)';

test('the theme follows the OS by default and can be pinned to light or dark', async ({ page, pooler }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openConsole(page, pooler, '/settings');
  const body = page.locator('body');
  await expect(body).toHaveCSS('background-color', DARK_BACKGROUND);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(body).toHaveCSS('background-color', LIGHT_BACKGROUND);

  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(body).toHaveCSS('background-color', DARK_BACKGROUND);
  await page.reload();
  await expect(body).toHaveCSS('background-color', DARK_BACKGROUND);
  await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'true');

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('button', { name: 'Light theme' }).click();
  await expect(body).toHaveCSS('background-color', LIGHT_BACKGROUND);
});

test('editing the operator profile validates inline and updates the console', async ({ page, pooler }) => {
  await openConsole(page, pooler, '/settings');
  const profile = page.getByRole('region', { name: 'Operator profile' });
  const save = profile.getByRole('button', { name: 'Save profile' });
  await expect(save).toBeDisabled();
  await profile.getByLabel('Email', { exact: true }).fill('not-an-email');
  await expect(profile.getByText('Email must be a valid email address, like name@example.com.')).toBeVisible();
  await expect(save).toBeDisabled();
  await profile.getByLabel('Email', { exact: true }).fill('ada@lovelace.example');
  await profile.getByLabel('Display name').fill('Ada King');
  await save.click();
  await expect(page.getByText('Operator profile saved.')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).locator('..')).toContainText('Ada King');
  await expect(page.getByText('ada@lovelace.example').first()).toBeVisible();
  await screenshot(page, 'settings-saved-light');
  const settings = await rpc<{ operator: { displayName: string } }>(pooler, 'settings.get', {});
  expect(settings.operator.displayName).toBe('Ada King');
});

test('the audit log pages through older events', async ({ page, pooler }) => {
  await rpc(pooler, 'settings.updateOperator', { displayName: 'Ada Lovelace', email: 'ada@example.com' });
  const pool = await rpc<{ id: string }>(pooler, 'pools.create', { name: 'Pool 0' });
  for (let i = 1; i <= 60; i++) await rpc(pooler, 'pools.rename', { id: pool.id, name: `Pool ${i}` });
  await openConsole(page, pooler, '/audit');
  const rows = page.getByRole('table', { name: 'Audit log' }).locator('tbody tr');
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toContainText('renamed the Pool Pool 59 to Pool 60');
  await page.getByRole('button', { name: 'Load older events' }).click();
  await expect(rows).toHaveCount(62);
  await expect(rows.last()).toContainText('Ada Lovelace updated the operator profile');
  await expect(page.getByText('All 62 events shown.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Load older events' })).toHaveCount(0);
});
