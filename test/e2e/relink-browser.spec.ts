import { authJsonFor } from '../support/upstream-harness';
import { expect, rpc, screenshot, seedPool, test } from './fixtures';

test('an account with device-code login off is relinked by signing in in a browser and pasting the address', async ({
  page,
  app,
  pooler,
  openai,
}) => {
  const poolId = await seedPool(pooler);
  openai.registerAccount({ email: 'ws@example.com', deviceAuthDisabled: true });
  const file = authJsonFor(openai.mintTokens('ws@example.com'));
  const { id } = await rpc(pooler, 'upstreams.importAuth', { poolId, file });
  openai.invalidateRefreshTokens('ws@example.com');
  expect((await rpc(pooler, 'upstreams.refresh', { id })).credentialState).toBe('reauth_required');

  const upstreams = await app.open('/upstreams');
  await upstreams.chooseAction('ws@example.com', /^Relink/);
  const dialog = page.getByRole('dialog', { name: 'Relink ws@example.com' });
  await expect(dialog.getByTestId('relink-user-code')).toBeVisible();
  await dialog.getByRole('tab', { name: 'Sign in in a browser' }).click();
  const open = dialog.getByRole('link', { name: 'Open the sign-in page' });
  await expect(open).toHaveAttribute('href', new RegExp(`^${openai.issuer}/oauth/authorize\\?`));
  await expect(dialog.getByTestId('relink-user-code')).toHaveCount(0);
  const box = dialog.getByRole('textbox', { name: 'Address of the page you landed on' });
  const finish = dialog.getByRole('button', { name: 'Finish relink' });
  await expect(finish).toBeDisabled();

  // Not the sign-in result: said under the box, nothing sent to OpenAI, the text kept to fix.
  await box.fill('https://chatgpt.com/');
  await finish.click();
  await expect(dialog.getByText(/This is not the sign-in result/)).toBeVisible();
  await expect(box).toHaveValue('https://chatgpt.com/');
  for (const [scheme, width] of [
    ['light', 1280],
    ['dark', 1920],
  ] as const) {
    await rpc(pooler, 'settings.updateAppearance', { theme: scheme });
    await page.setViewportSize({ width, height: 800 });
    await screenshot(page, `upstreams-relink-browser-error-${scheme}-${width}`);
  }

  // Another account signing in: refused by the same-account rule, the account still needs relinking.
  const href = (await open.getAttribute('href')) ?? '';
  await box.fill(await openai.signInBrowser(href, 'mallory@example.com'));
  await finish.click();
  await expect(
    dialog.getByText('mallory@example.com signed in, but this is ws@example.com. Nothing was changed.'),
  ).toBeVisible();
  expect((await rpc(pooler, 'upstreams.list', {})).upstreams[0]).toMatchObject({ credentialState: 'reauth_required' });

  // Try again in the same way: a fresh sign-in link; the owner signs in and it lands.
  await dialog.getByRole('button', { name: 'Try again' }).click();
  await expect(open).not.toHaveAttribute('href', href);
  await rpc(pooler, 'settings.updateAppearance', { theme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await screenshot(page, 'upstreams-relink-browser-light-1280');
  await box.fill(await openai.signInBrowser((await open.getAttribute('href')) ?? '', 'ws@example.com'));
  await finish.click();
  await expect(dialog.getByText('Relinked. ws@example.com is ready again.')).toBeVisible();
  await expect(dialog.getByRole('tab')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(upstreams.row('ws@example.com')).toContainText('Ready');
});
