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

test('a tab opened by a link asks for its page’s code at once, not once the console’s code has run; a signed-out tab asks for none', async ({
  page,
  app,
  pooler,
}) => {
  await rpc(pooler, 'settings.updateOperator', OPERATOR);
  const asked: string[] = [];
  let pageCodeAsked!: () => void;
  const pageCode = new Promise<void>((resolve) => (pageCodeAsked = resolve));
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    asked.push(path);
    if (/\/assets\/PoolsPage-/.test(path)) pageCodeAsked();
  });

  await page.goto(pooler.origin);
  await expect(page.getByRole('heading', { name: SIGNED_OUT })).toBeVisible();
  expect(asked.filter((path) => /\/assets\/\w+Page-/.test(path))).toEqual([]);

  // Neither the sign-in nor the libraries (React, MUI: the bulk of the console's code) are
  // answered until the Pools page's code has been asked for. A tab that asked for it once signed
  // in, or once its router was made, would never get there; this one asks beside both.
  for (const held of ['**/session', '**/assets/vendor-*.js']) {
    await page.route(held, async (route) => {
      await pageCode;
      await route.continue();
    });
  }
  await page.goto(`${await pooler.link()}#/pools`);
  await expect(app.at('/pools').heading).toBeVisible();
});
