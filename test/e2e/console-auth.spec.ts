import { expect, rpc, screenshot, test } from './fixtures';
import { OPERATOR } from './pages/console-app';

const SIGNED_OUT = 'This tab is not signed in to Pooler Console';

test('a printed link signs one browser in, once, and leaves nothing reusable in the address bar', async ({
  page,
  browser,
  app,
  pooler,
}) => {
  await rpc(pooler, 'settings.updateOperator', OPERATOR);
  await page.goto(pooler.origin);
  await expect(page.getByRole('heading', { name: SIGNED_OUT })).toBeVisible();
  await screenshot(page, 'signed-out-light');

  const link = await pooler.link();
  await page.goto(`${link}#/pools`);
  const pools = app.at('/pools');
  await expect(pools.heading).toBeVisible();
  expect(page.url()).not.toContain('token');
  expect(page.url()).toMatch(/#\/pools$/);

  // This browser stays signed in: a reload, and a new tab on the bare address.
  await page.reload();
  await expect(pools.heading).toBeVisible();
  const tab = await page.context().newPage();
  await tab.goto(`${pooler.origin}/#/audit`);
  await expect(tab.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();

  // The same link from another browser (a history entry, a pasted chat message) signs nobody in.
  const other = await (await browser.newContext()).newPage();
  await other.emulateMedia({ colorScheme: 'dark' });
  await other.goto(link);
  await expect(other.getByRole('heading', { name: SIGNED_OUT })).toBeVisible();
  await screenshot(other, 'signed-out-dark');

  // A signed-in tab makes a link for another browser; it works there, once.
  const settings = await app.goTo('/settings');
  await settings.page.getByRole('button', { name: 'Make a sign-in link' }).click();
  const made = (await settings.page.getByLabel('Sign-in link').textContent()) ?? '';
  expect(made).toMatch(/\/\?token=[\w-]{43}$/);
  await screenshot(settings.page, 'settings-sign-in-link-light');
  await other.goto(made);
  await expect(other.getByRole('heading', { level: 1, name: 'Invites' })).toBeVisible();
});
