import type { Page } from '@playwright/test';
import { expect, rpc, screenshot, seedPool, test } from './fixtures';
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

/**
 * Runs in the page before its scripts: notes, after each change under #root, whether the page
 * shows something loading and whether the Pools table has rows.
 */
const NOTE_DRAWS = `window.__draws = [];
new MutationObserver(() => {
  const root = document.getElementById('root');
  if (!root || !root.firstElementChild) return;
  window.__draws.push({ loading: root.querySelector('[aria-label="Loading"]') !== null, rows: root.querySelectorAll('tr[data-pool-id]').length });
}).observe(document, { subtree: true, childList: true });`;

/** Holds the page's requests to `url` until the function it resolves to is called. */
async function hold(page: Page, url: string): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(url, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

const drawsOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { __draws: { loading: boolean; rows: number }[] }).__draws);

test('the first render waits for the first reads: answered after the code has run, the page is drawn once, with its rows', async ({
  page,
  pooler,
}) => {
  await seedPool(pooler);
  await page.addInitScript({ content: NOTE_DRAWS });
  let consoleCode = '';
  const calls: { path: string; channels: string[] }[] = [];
  page.on('request', (request) => {
    if (/\/assets\/mount-[\w-]+\.js$/.test(request.url())) consoleCode = request.url();
    const { pathname } = new URL(request.url());
    if (pathname === '/rpc') {
      const body = request.postDataJSON() as { channel: string }[];
      calls.push({ path: pathname, channels: body.map((call) => call.channel) });
    } else if (pathname.startsWith('/rpc/')) calls.push({ path: pathname, channels: [] });
  });
  // The first reads go as one request (four fewer for the page to send and the console to answer).
  const codeRan = await hold(page, '**/rpc');
  await page.goto(`${await pooler.link()}#/pools`);
  // The console's code has been evaluated once importing it again resolves; only then does the
  // Pools read answer, as it does when the host answers while the page is busy running its code.
  await expect.poll(() => consoleCode).not.toBe('');
  await page.evaluate((url) => import(url).then(() => undefined), consoleCode);
  codeRan();
  await expect(page.getByRole('row', { name: /Research/ })).toBeVisible();
  expect(await drawsOf(page)).toContainEqual({ loading: false, rows: 1 });
  expect((await drawsOf(page)).filter((draw) => draw.loading)).toEqual([]);
  expect(calls[0]).toEqual({
    path: '/rpc',
    channels: ['app.status', 'settings.get', 'pools.list', 'onboarding.get', 'team.status'],
  });
  expect(calls.filter((call) => call.path === '/rpc/pools.list')).toEqual([]);
});

test('first reads the host is slow to answer are not waited for: the console shows it is loading, then the page with its rows', async ({
  page,
  pooler,
}) => {
  await seedPool(pooler);
  const answer = await hold(page, '**/rpc');
  await page.goto(`${await pooler.link()}#/pools`);
  await expect(page.getByLabel('Loading')).toBeVisible();
  answer();
  await expect(page.getByRole('heading', { level: 1, name: 'Pools' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Research/ })).toBeVisible();
  await expect(page.getByLabel('Loading')).toHaveCount(0);
});
