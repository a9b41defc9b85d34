import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import type { FakeOpenAI } from '../fakes/openai/fake-openai-server';
import { makeTempDir } from '../support/temp-dir';
import { authJsonFor } from '../support/upstream-harness';
import type { ConsoleProcess } from '../support/console-process';
import { expect, inviteLink, rpc, screenshot, seedPool, test } from './fixtures';
import { InviteePage } from './pages/invitee-page';

/** An invitee opens their link and approves on the fake's page, as in the onboarding tests. */
async function onboard(browser: Browser, pooler: ConsoleProcess, openai: FakeOpenAI, email: string) {
  const guest = await InviteePage.open(browser, await inviteLink(pooler, email));
  expect(openai.approve(await guest.startApproval(), email)).toBe('approved');
  await expect(guest.heading('Codex account connected')).toBeVisible({ timeout: 10_000 });
  await guest.close();
}

test('an accepted invite shows the account ready, with its quota as labelled bars', async ({
  page,
  browser,
  app,
  pooler,
  openai,
}) => {
  openai.setUsage('bob@example.com', { kind: 'both', fiveHourUsed: 27, weeklyUsed: 4 });
  openai.setUsage('free@example.com', { kind: 'weekly-only', weeklyUsed: 62 });
  // Hours, not days: "Expires in 5 hr." is the access-token column's widest usual text.
  openai.switches.accessTokenLifetimeSeconds = 5.5 * 3600;
  const poolId = await seedPool(pooler);
  const upstreams = await app.open('/upstreams');
  await expect(page.getByText('No onboarded accounts yet')).toBeVisible();
  await screenshot(page, 'upstreams-none-yet-light');
  await onboard(browser, pooler, openai, 'bob@example.com');
  await onboard(browser, pooler, openai, 'free@example.com');
  const bob = upstreams.row('bob@example.com');
  await expect(bob).toContainText('Ready');
  await expect(bob).toContainText('Research');
  // The background job reads the quota as soon as the account is linked.
  await expect(bob).toContainText('5h · 27% used', { timeout: 10_000 });
  await expect(bob).toContainText('Weekly · 4% used');
  const free = upstreams.row('free@example.com');
  await expect(free).toContainText('Weekly · 62% used', { timeout: 10_000 });
  await expect(free).not.toContainText('5h');
  await expect(free.getByRole('progressbar')).toHaveCount(1);
  await screenshot(page, 'upstreams-accounts-light');
  // Renaming a Pool elsewhere renames its chips here.
  await rpc(pooler, 'pools.rename', { id: poolId, name: 'Research Lab' });
  await expect(bob).toContainText('Research Lab');
  await page.emulateMedia({ colorScheme: 'dark' });
  await rpc(pooler, 'settings.updateAppearance', { theme: 'dark' });
  await screenshot(page, 'upstreams-accounts-dark');

  // The access-token column fits at every width: nothing in it is cut short.
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await rpc(pooler, 'settings.updateAppearance', { theme: scheme });
    for (const width of [1280, 1600, 1920]) {
      await page.setViewportSize({ width, height: 800 });
      const cut = await bob.evaluate((row) =>
        [...row.querySelectorAll<HTMLElement>('td:nth-child(4) div')]
          .filter((line) => line.scrollWidth > line.clientWidth)
          .map((line) => line.textContent),
      );
      expect(cut, `${scheme} ${width}px`).toEqual([]);
      await expect(bob.getByRole('cell').nth(3)).toContainText(/^Expires in \d+ hr\./);
      await screenshot(page, `upstreams-accounts-${width}-${scheme}`);
    }
  }
});

test('an invalidated refresh token shows reauth_required, and Relink fixes it end to end', async ({
  page,
  browser,
  app,
  pooler,
  openai,
}) => {
  await onboard(browser, pooler, openai, 'bob@example.com');
  openai.invalidateRefreshTokens('bob@example.com');
  const upstreams = await app.open('/upstreams');
  const bob = upstreams.row('bob@example.com');
  await upstreams.chooseAction('bob@example.com', 'Refresh token');
  await expect(bob).toContainText('Needs relink');
  await expect(bob).toContainText('reauth_required: refresh_token_invalidated');
  // The refresh's own result and the alert the same change raised: each shown, neither wiping the other out.
  await expect(app.notice(/could not be refreshed: the refresh token was revoked/)).toBeVisible();
  await screenshot(page, 'upstreams-reauth-light');
  await expect(app.notice('bob@example.com must sign in again: its refresh token no longer works.')).toBeVisible();

  await upstreams.chooseAction('bob@example.com', /^Relink/);
  const dialog = page.getByRole('dialog', { name: 'Relink bob@example.com' });
  const code = dialog.getByTestId('relink-user-code');
  await expect(code).toHaveText(/^[A-Z0-9]{4}-[A-Z0-9]{5}$/);
  await expect(dialog.getByRole('link', { name: `${openai.issuer}/codex/device` })).toBeVisible();
  await screenshot(page, 'upstreams-relink-light');
  expect(openai.approve((await code.textContent()) ?? '', 'bob@example.com')).toBe('approved');
  await expect(dialog.getByText('Relinked. bob@example.com is ready again.')).toBeVisible({ timeout: 10_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(bob).toContainText('Ready');
  await expect(bob).not.toContainText('reauth_required');
});

test('Reinvite opens the create dialog prefilled with the Pool and email', async ({
  page,
  browser,
  app,
  pooler,
  openai,
}) => {
  await onboard(browser, pooler, openai, 'bob@example.com');
  const upstreams = await app.open('/upstreams');
  await upstreams.chooseAction('bob@example.com', /^Reinvite/);
  const dialog = page.getByRole('dialog', { name: 'Create Pool invite' });
  await expect(dialog.getByLabel('Codex account email')).toHaveValue('bob@example.com');
  await expect(dialog.getByRole('combobox', { name: 'Pool' })).toHaveText('Research');
  await dialog.getByRole('button', { name: 'Create invite' }).click();
  await expect(page.getByRole('button', { name: 'Copy' })).toBeVisible();
});

test('removing an account from its last Pool keeps it unless deleting is chosen; its Reinvite asks for a Pool', async ({
  page,
  browser,
  app,
  pooler,
  openai,
}) => {
  await onboard(browser, pooler, openai, 'bob@example.com');
  await seedPool(pooler, 'Growth');
  const upstreams = await app.open('/upstreams');
  await upstreams.chooseAction('bob@example.com', /^Remove from Pool/);
  const remove = page.getByRole('dialog', { name: /^Remove bob@example\.com from Research/ });
  await expect(remove.getByRole('radio', { name: 'Keep the account, in no Pool, to reinvite later' })).toBeChecked();
  await expect(remove.getByRole('button', { name: 'Remove', exact: true })).toBeVisible();
  await remove.getByRole('radio', { name: 'Delete the account and its stored tokens' }).check();
  await expect(remove.getByRole('alert')).toContainText('Deleting loses its sign-in for good');
  await expect(remove.getByRole('button', { name: 'Remove and delete' })).toBeVisible();
  await screenshot(page, 'upstreams-remove-last-pool-delete-light');
  await remove.getByRole('radio', { name: 'Keep the account, in no Pool, to reinvite later' }).check();
  await remove.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(remove).toBeHidden();
  await expect(upstreams.row('bob@example.com')).not.toContainText('Research');

  await upstreams.chooseAction('bob@example.com', /^Reinvite/);
  const dialog = page.getByRole('dialog', { name: 'Create Pool invite' });
  await expect(dialog.getByLabel('Codex account email')).toHaveValue('bob@example.com');
  await expect(dialog.getByText('This account is in no Pool now: choose the one it should join.')).toBeVisible();
  const create = dialog.getByRole('button', { name: 'Create invite' });
  await expect(create).toBeDisabled();
  await screenshot(page, 'upstreams-reinvite-no-pool-light');
  await dialog.getByRole('combobox', { name: 'Pool' }).click();
  await page.getByRole('option', { name: 'Growth' }).click();
  await create.click();
  await expect(page.getByRole('button', { name: 'Copy' })).toBeVisible();
});

test.describe('auth.json', () => {
  const dir = makeTempDir('pooler-upstreams-e2e');

  test.afterAll(() => dir.remove());

  test('export writes a Codex auth.json that parses back; import adds the account', async ({
    page,
    app,
    pooler,
    openai,
  }) => {
    await seedPool(pooler);
    const tokens = openai.mintTokens('carol@example.com');
    const file = join(dir.path, 'carol-auth.json');
    writeFileSync(
      file,
      JSON.stringify({ ...authJsonFor(tokens), OPENAI_API_KEY: null, agent_identity: null }, null, 2),
    );
    const upstreams = await app.open('/upstreams');
    const dialog = await upstreams.importFile(file);
    await expect(dialog.root.getByText('carol-auth.json')).toBeVisible();
    await screenshot(page, 'upstreams-import-light');
    await dialog.submit.click();
    const carol = upstreams.row('carol@example.com');
    await expect(carol).toContainText('Ready');
    await expect(app.notice('carol@example.com was added to Research.')).toBeVisible();

    await upstreams.chooseAction('carol@example.com', /^Export auth\.json/);
    const confirm = page.getByRole('dialog', { name: 'Hand carol@example.com over?' });
    await expect(confirm).toContainText('live tokens');
    await expect(confirm.getByRole('radio', { name: /^Hand it over/ })).toBeChecked();
    await screenshot(page, 'upstreams-export-handover-light');
    const downloading = page.waitForEvent('download');
    await confirm.getByRole('button', { name: 'Hand over and export' }).click();
    const download = await downloading;
    // Handed over: the console stops refreshing it, and the row says since when.
    await expect(carol).toContainText('Handed over');
    await expect(carol).toContainText(/Handed over on /);
    expect(download.suggestedFilename()).toBe('auth.json');
    const exported = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8')) as Record<string, unknown>;
    expect(exported).toMatchObject({
      auth_mode: 'chatgpt',
      OPENAI_API_KEY: null,
      tokens: { refresh_token: tokens.refreshToken, account_id: tokens.accountId },
    });
    expect(typeof exported.last_refresh).toBe('string');
  });

  test('a file that is not a ChatGPT login is refused with its reason, and nothing is added', async ({
    page,
    app,
    pooler,
    openai,
  }) => {
    await seedPool(pooler);
    const file = join(dir.path, 'apikey.json');
    writeFileSync(
      file,
      JSON.stringify({ ...authJsonFor(openai.mintTokens('dave@example.com')), OPENAI_API_KEY: 'sk-proj-abc' }),
    );
    const upstreams = await app.open('/upstreams');
    const dialog = await upstreams.importFile(file);
    // The contract's own check runs as soon as the file is chosen: the reason shows, Import stays off.
    await expect(
      dialog.root.getByText('This auth.json holds an API key; only ChatGPT logins can join a Pool.'),
    ).toBeVisible();
    await expect(dialog.submit).toBeDisabled();
    await screenshot(page, 'upstreams-import-error-light');
    expect((await rpc(pooler, 'upstreams.list', {})).upstreams).toHaveLength(0);
  });
});
