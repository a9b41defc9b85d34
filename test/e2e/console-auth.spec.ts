import { expect, openConsole, test } from './fixtures';

test('the console needs the printed link, then keeps the token out of the address bar', async ({ page, pooler }) => {
  const denied = await page.goto(pooler.origin);
  expect(denied?.status()).toBe(401);
  await expect(page.getByText("This address needs the console's access token.")).toBeVisible();

  await openConsole(page, pooler, '/pools');
  await expect(page.getByRole('heading', { level: 1, name: 'Pools' })).toBeVisible();
  expect(page.url()).not.toContain('token');
  expect(page.url()).toMatch(/#\/pools$/);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Pools' })).toBeVisible();
});
