import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai/fake-openai-server';
import { startConsoleProcess, type ConsoleProcess } from '../support/console-process';
import { makeTempDir } from '../support/temp-dir';
import { deleteKeychainKey, testKeychainService } from '../support/test-core';
import { authJsonFor } from '../support/upstream-harness';
import { expect, rpc, screenshot, test } from './fixtures';

let fake: FakeOpenAI;
let pooler: ConsoleProcess;
let dir: ReturnType<typeof makeTempDir>;
let keychainService: string;
let poolId: string;

test.beforeEach(async () => {
  dir = makeTempDir('pooler-upstreams-e2e');
  keychainService = testKeychainService();
  fake = await startFakeOpenAI({ switches: { interval: '1' } });
  pooler = await startConsoleProcess({
    dataDir: dir.path,
    env: {
      POOLER_OPENAI_ISSUER: fake.issuer,
      POOLER_CHATGPT_BASE_URL: fake.chatgptBaseUrl,
      POOLER_ONBOARDING_PORT: '0',
      POOLER_KEYCHAIN_SERVICE: keychainService,
    },
  });
  await rpc(pooler, 'settings.updateOperator', { displayName: 'Ada Lovelace', email: 'ada@example.com' });
  poolId = (await rpc<{ id: string }>(pooler, 'pools.create', { name: 'Research' })).id;
});
test.afterEach(async () => {
  await pooler.stop();
  await fake.close();
  deleteKeychainKey(keychainService);
  dir.remove();
});

/** An invitee opens their link and approves on the fake's page, as in the onboarding tests. */
async function onboard(browser: Browser, email: string) {
  const { url } = await rpc<{ url: string }>(pooler, 'invites.create', {
    poolId,
    email,
    expiry: '24h',
    sendEmail: false,
  });
  const guest = await (await browser.newContext()).newPage();
  await guest.goto(url);
  await guest.getByRole('button', { name: 'Start device approval' }).click();
  const code = guest.getByLabel('Device code');
  await expect(code).toHaveText(/^[A-Z0-9]{4}-[A-Z0-9]{5}$/);
  expect(fake.approve((await code.textContent())!, email)).toBe('approved');
  await expect(guest.getByRole('heading', { name: 'Codex account connected' })).toBeVisible({ timeout: 10_000 });
  await guest.context().close();
}

const rowOf = (page: Page, email: string) => page.locator('tr', { hasText: email });

test('an accepted invite shows the account ready, with its quota as labelled bars', async ({ page, browser }) => {
  fake.setUsage('bob@example.com', { kind: 'both', fiveHourUsed: 27, weeklyUsed: 4 });
  fake.setUsage('free@example.com', { kind: 'weekly-only', weeklyUsed: 62 });
  await page.goto(`${pooler.url}#/upstreams`);
  await expect(page.getByText('No onboarded accounts yet')).toBeVisible();
  await screenshot(page, 'upstreams-none-yet-light');
  await onboard(browser, 'bob@example.com');
  await onboard(browser, 'free@example.com');
  const bob = rowOf(page, 'bob@example.com');
  await expect(bob).toContainText('Ready');
  await expect(bob).toContainText('Research');
  // The background job reads the quota as soon as the account is linked.
  await expect(bob).toContainText('5h · 27% used', { timeout: 10_000 });
  await expect(bob).toContainText('Weekly · 4% used');
  const free = rowOf(page, 'free@example.com');
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
});

test('an invalidated refresh token shows reauth_required, and Relink fixes it end to end', async ({
  page,
  browser,
}) => {
  await onboard(browser, 'bob@example.com');
  fake.invalidateRefreshTokens('bob@example.com');
  await page.goto(`${pooler.url}#/upstreams`);
  const bob = rowOf(page, 'bob@example.com');
  await bob.getByRole('button', { name: 'Actions for bob@example.com' }).click();
  await page.getByRole('menuitem', { name: 'Refresh token' }).click();
  await expect(bob).toContainText('Needs relink');
  await expect(bob).toContainText('reauth_required: refresh_token_invalidated');
  await expect(page.getByText(/could not be refreshed: the refresh token was revoked/)).toBeVisible();
  await screenshot(page, 'upstreams-reauth-light');

  await bob.getByRole('button', { name: 'Actions for bob@example.com' }).click();
  await page.getByRole('menuitem', { name: /^Relink/ }).click();
  const dialog = page.getByRole('dialog');
  const code = dialog.getByTestId('relink-user-code');
  await expect(code).toHaveText(/^[A-Z0-9]{4}-[A-Z0-9]{5}$/);
  await expect(dialog.getByRole('link', { name: `${fake.issuer}/codex/device` })).toBeVisible();
  await screenshot(page, 'upstreams-relink-light');
  expect(fake.approve((await code.textContent())!, 'bob@example.com')).toBe('approved');
  await expect(dialog.getByText('Relinked. bob@example.com is ready again.')).toBeVisible({ timeout: 10_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(bob).toContainText('Ready');
  await expect(bob).not.toContainText('reauth_required');
});

test('Reinvite opens the create dialog prefilled with the Pool and email', async ({ page, browser }) => {
  await onboard(browser, 'bob@example.com');
  await page.goto(`${pooler.url}#/upstreams`);
  await rowOf(page, 'bob@example.com').getByRole('button', { name: 'Actions for bob@example.com' }).click();
  await page.getByRole('menuitem', { name: /^Reinvite/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Codex account email')).toHaveValue('bob@example.com');
  await expect(dialog.getByRole('combobox', { name: 'Pool' })).toHaveText('Research');
  await dialog.getByRole('button', { name: 'Create invite' }).click();
  await expect(page.getByRole('button', { name: 'Copy' })).toBeVisible();
});

test('export writes a Codex auth.json that parses back; import adds the account', async ({ page }) => {
  const tokens = fake.mintTokens('carol@example.com');
  const file = join(dir.path, 'carol-auth.json');
  writeFileSync(file, JSON.stringify({ ...authJsonFor(tokens), OPENAI_API_KEY: null, agent_identity: null }, null, 2));
  await page.goto(`${pooler.url}#/upstreams`);
  await page.getByRole('button', { name: 'Import auth.json' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('auth.json file').setInputFiles(file);
  await expect(dialog.getByText('carol-auth.json')).toBeVisible();
  await screenshot(page, 'upstreams-import-light');
  await dialog.getByRole('button', { name: 'Import' }).click();
  const carol = rowOf(page, 'carol@example.com');
  await expect(carol).toContainText('Ready');
  await expect(page.getByText('carol@example.com was added to Research.')).toBeVisible();

  await carol.getByRole('button', { name: 'Actions for carol@example.com' }).click();
  await page.getByRole('menuitem', { name: /^Export auth\.json/ }).click();
  await expect(page.getByRole('dialog')).toContainText('live tokens');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('auth.json');
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as Record<string, unknown>;
  expect(exported).toMatchObject({
    auth_mode: 'chatgpt',
    OPENAI_API_KEY: null,
    tokens: { refresh_token: tokens.refreshToken, account_id: tokens.accountId },
  });
  expect(typeof exported.last_refresh).toBe('string');
});

test('a file that is not a ChatGPT login is refused with its reason, and nothing is added', async ({ page }) => {
  const file = join(dir.path, 'apikey.json');
  writeFileSync(
    file,
    JSON.stringify({ ...authJsonFor(fake.mintTokens('dave@example.com')), OPENAI_API_KEY: 'sk-proj-abc' }),
  );
  await page.goto(`${pooler.url}#/upstreams`);
  await page.getByRole('button', { name: 'Import auth.json' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('auth.json file').setInputFiles(file);
  // The contract's own check runs as soon as the file is chosen: the reason shows, and Import stays off.
  await expect(dialog.getByText('This auth.json holds an API key; only ChatGPT logins can join a Pool.')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Import' })).toBeDisabled();
  await screenshot(page, 'upstreams-import-error-light');
  expect((await rpc<{ upstreams: unknown[] }>(pooler, 'upstreams.list', {})).upstreams).toHaveLength(0);
});
