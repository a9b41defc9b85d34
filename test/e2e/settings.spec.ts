import type { Page } from '@playwright/test';
import { expect, rpc, screenshot, seedPool, test } from './fixtures';

const DARK_BACKGROUND = 'rgb(14, 17, 22)';
const LIGHT_BACKGROUND = 'rgb(245, 246, 248)';

/** The page's own background, which the theme paints. */
const background = (page: Page) => () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('the theme follows the OS by default and can be pinned to light or dark', async ({ page, app }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const settings = await app.open('/settings');
  await expect.poll(background(page)).toBe(DARK_BACKGROUND);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(background(page)).toBe(LIGHT_BACKGROUND);

  await settings.themeButton('Dark').click();
  await expect.poll(background(page)).toBe(DARK_BACKGROUND);
  await page.reload();
  await expect.poll(background(page)).toBe(DARK_BACKGROUND);
  await expect(settings.themeButton('Dark')).toHaveAttribute('aria-pressed', 'true');

  await page.emulateMedia({ colorScheme: 'dark' });
  await settings.themeButton('Light').click();
  await expect.poll(background(page)).toBe(LIGHT_BACKGROUND);
});

test('editing the operator profile validates inline and updates the console', async ({ app, pooler }) => {
  const { operator: profile, page } = await app.open('/settings');
  const save = profile.getByRole('button', { name: 'Save profile' });
  await expect(save).toBeDisabled();
  await profile.getByLabel('Email', { exact: true }).fill('not-an-email');
  await expect(profile.getByText('Email must be a valid email address, like name@example.com.')).toBeVisible();
  await expect(save).toBeDisabled();
  await profile.getByLabel('Email', { exact: true }).fill('ada@lovelace.example');
  await profile.getByLabel('Display name').fill('Ada King');
  await save.click();
  await expect(app.notice('Operator profile saved.')).toBeVisible();
  await expect(app.operatorCard).toContainText('Ada King');
  await expect(app.operatorCard).toContainText('ada@lovelace.example');
  await screenshot(page, 'settings-saved-light');
  expect((await rpc(pooler, 'settings.get', {})).operator?.displayName).toBe('Ada King');
});

test('the audit log pages through older events', async ({ app, pooler }) => {
  const poolId = await seedPool(pooler, 'Pool 0');
  for (let i = 1; i <= 60; i++) await rpc(pooler, 'pools.rename', { id: poolId, name: `Pool ${i}` });
  const audit = await app.open('/audit');
  await expect(audit.rows).toHaveCount(50);
  await expect(audit.rows.first()).toContainText('renamed the Pool Pool 59 to Pool 60');
  await audit.loadOlder.click();
  await expect(audit.rows).toHaveCount(62);
  await expect(audit.rows.last()).toContainText('Ada Lovelace updated the operator profile');
  await expect(app.notice('All 62 events shown.')).toBeVisible();
  await expect(audit.loadOlder).toHaveCount(0);
});
