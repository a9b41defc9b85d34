import { authJsonFor } from '../support/upstream-harness';
import { expect, rpc, screenshot, seedPool, test } from './fixtures';
import { ResultDialog } from './pages/invites-page';
import { InviteePage } from './pages/invitee-page';

test('a broken account gets a relink link; its owner reconnects it from a browser of their own', async ({
  page,
  browser,
  app,
  pooler,
  openai,
}) => {
  const poolId = await seedPool(pooler);
  const file = authJsonFor(openai.mintTokens('carol@example.com'));
  const { id } = await rpc(pooler, 'upstreams.importAuth', { poolId, file });
  openai.invalidateRefreshTokens('carol@example.com');
  expect((await rpc(pooler, 'upstreams.refresh', { id })).credentialState).toBe('reauth_required');

  const upstreams = await app.open('/upstreams');
  const carol = upstreams.row('carol@example.com');
  await expect(carol).toContainText('Needs relink');
  await upstreams.chooseAction('carol@example.com', /^Send relink link/);
  const dialog = page.getByRole('dialog', { name: 'Send a relink link to the owner of carol@example.com' });
  await expect(dialog.getByRole('combobox', { name: 'Expires after' })).toHaveText('7 days');
  await screenshot(page, 'upstreams-relink-link-dialog-light');
  await dialog.getByRole('button', { name: 'Create relink link' }).click();
  const result = new ResultDialog(page);
  await expect(result.root).toContainText('sign in again and reconnect it to Research');
  const url = await result.link();
  await result.copyAndClose();

  // A second link for the same account is not offered while this one is out.
  await carol.getByRole('button', { name: 'Actions for carol@example.com' }).click();
  await expect(page.getByRole('menuitem', { name: /^Send relink link/ })).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByRole('menuitem', { name: /^Send relink link/ })).toContainText('A relink link is out');
  await page.keyboard.press('Escape');

  const owner = await InviteePage.open(browser, url);
  await expect(owner.heading('Reconnect your Codex account to Research')).toBeVisible();
  await expect(owner.page.getByText(/asks the owner of carol@example\.com to sign in again/)).toBeVisible();
  await screenshot(owner.page, 'relink-page-ready-light');

  // Another account approves first: refused, and the link stays usable.
  expect(openai.approve(await owner.startApproval(), 'mallory@example.com')).toBe('approved');
  await expect(owner.heading('A different ChatGPT account approved the code')).toBeVisible({ timeout: 10_000 });
  await screenshot(owner.page, 'relink-page-mismatch-light');
  await expect(carol).toContainText('Needs relink');

  expect(openai.approve(await owner.startApproval(), 'carol@example.com')).toBe('approved');
  await expect(owner.heading('Codex account reconnected')).toBeVisible({ timeout: 10_000 });
  await screenshot(owner.page, 'relink-page-connected-light');
  await owner.close();
  await expect(carol).toContainText('Ready');

  const invites = await app.open('/invites');
  await page.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Relink links' });
  const row = invites.relinkRow('carol@example.com');
  await expect(row).toContainText('Relink');
  const resultCell = row.getByRole('cell').nth(6);
  await expect(resultCell).toContainText(/^Restored /);
  await expect(resultCell.getByText('carol@example.com', { exact: true })).toBeVisible();
  await expect(invites.rows).toHaveCount(1);
  await screenshot(page, 'invites-relink-rows-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await rpc(pooler, 'settings.updateAppearance', { theme: 'dark' });
  await screenshot(page, 'invites-relink-rows-dark');
  // The marker and the Result fit beside the email at both widths: nothing is cut short.
  for (const width of [1280, 1920]) {
    await page.setViewportSize({ width, height: 800 });
    await screenshot(page, `invites-relink-rows-dark-${width}`);
    const cut = await row.evaluate((tr) =>
      [...tr.querySelectorAll('td.invite-email, td.invite-result > span')].some(
        (el) => el.scrollWidth > el.clientWidth,
      ),
    );
    expect(cut).toBe(false);
  }
});

test('the reconnect page in the dark, for an owner whose device-code approval is pending', async ({
  browser,
  pooler,
  openai,
}) => {
  const poolId = await seedPool(pooler);
  const { id } = await rpc(pooler, 'upstreams.importAuth', {
    poolId,
    file: authJsonFor(openai.mintTokens('dora@example.com')),
  });
  openai.invalidateRefreshTokens('dora@example.com');
  await rpc(pooler, 'upstreams.refresh', { id });
  const { url } = await rpc(pooler, 'upstreams.relinkLink', { id, expiry: '24h', sendEmail: false });
  const owner = await InviteePage.open(browser, url, { colorScheme: 'dark' });
  await expect(owner.heading('Reconnect your Codex account to Research')).toBeVisible();
  await screenshot(owner.page, 'relink-page-ready-dark');
  await owner.close();
});
