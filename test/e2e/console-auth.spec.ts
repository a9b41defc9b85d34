import { expect, test } from './fixtures';

test('the console needs the printed link, then keeps the token out of the address bar', async ({
  page,
  app,
  pooler,
}) => {
  const denied = await page.goto(pooler.origin);
  expect(denied?.status()).toBe(401);
  await expect(page.getByText("This address needs the console's access token.")).toBeVisible();

  const pools = await app.open('/pools');
  await expect(pools.heading).toBeVisible();
  expect(page.url()).not.toContain('token');
  expect(page.url()).toMatch(/#\/pools$/);

  await page.reload();
  await expect(pools.heading).toBeVisible();
});
