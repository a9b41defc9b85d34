import type { Browser, Page } from '@playwright/test';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai/fake-openai-server';
import { startConsoleProcess, type ConsoleProcess } from '../support/console-process';
import { freePort } from '../support/smtp-test-server';
import { makeTempDir } from '../support/temp-dir';
import { deleteKeychainKey, testKeychainService } from '../support/test-core';
import { expect, rpc, screenshot, test } from './fixtures';

let fake: FakeOpenAI;
let pooler: ConsoleProcess;
let onboardingPort: number;
// Each test has its own data folder and keychain entry; a restart within a test reuses them.
let dir: ReturnType<typeof makeTempDir>;
let keychainService: string;

async function startConsole() {
  return startConsoleProcess({
    dataDir: dir.path,
    env: {
      POOLER_OPENAI_ISSUER: fake.issuer,
      POOLER_CHATGPT_BASE_URL: fake.chatgptBaseUrl,
      POOLER_ONBOARDING_PORT: String(onboardingPort),
      POOLER_KEYCHAIN_SERVICE: keychainService,
    },
  });
}

test.beforeEach(async () => {
  dir = makeTempDir('pooler-onboarding-e2e');
  keychainService = testKeychainService();
  fake = await startFakeOpenAI({ switches: { interval: '1' } });
  onboardingPort = await freePort();
  pooler = await startConsole();
  await rpc(pooler, 'settings.updateOperator', { displayName: 'Ada Lovelace', email: 'ada@example.com' });
});
test.afterEach(async () => {
  await pooler.stop();
  await fake.close();
  deleteKeychainKey(keychainService);
  dir.remove();
});

async function inviteUrl(email: string): Promise<string> {
  const pools = await rpc<{ pools: { id: string; name: string }[] }>(pooler, 'pools.list', {});
  const pool =
    pools.pools.find((p) => p.name === 'Research') ??
    (await rpc<{ id: string }>(pooler, 'pools.create', { name: 'Research' }));
  return (
    await rpc<{ url: string }>(pooler, 'invites.create', { poolId: pool.id, email, expiry: '24h', sendEmail: false })
  ).url;
}

async function invitee(browser: Browser, url: string, scheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ colorScheme: scheme });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

const heading = (page: Page, name: string) => page.getByRole('heading', { name });

/** Clicks Start and waits for the user code the page shows (the console asked OpenAI for it). */
async function startApproval(guest: Page): Promise<string> {
  await guest.getByRole('button', { name: /^(Start device approval|Try device approval again)$/ }).click();
  const code = guest.getByLabel('Device code');
  await expect(code).toHaveText(/^[A-Z0-9]{4}-[A-Z0-9]{5}$/);
  return (await code.textContent())!;
}

test('an invitee connects through the copied link while the operator watches it happen', async ({
  page,
  context,
  browser,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await rpc(pooler, 'pools.create', { name: 'Research' });
  await page.goto(`${pooler.url}#/invites`);
  await page.getByRole('button', { name: 'Create Pool invite' }).click();
  await page.getByRole('dialog').getByLabel('Codex account email').fill('bob@example.com');
  await page.getByRole('button', { name: 'Create invite' }).click();
  await page.getByRole('button', { name: 'Copy' }).click();
  const url = await page.evaluate(() => navigator.clipboard.readText());
  await page.getByRole('button', { name: 'Done' }).click();
  expect(url).toContain(`:${onboardingPort}/onboarding/invites/`);

  const guest = await invitee(browser, url);
  await expect(heading(guest, 'Connect your Codex account')).toBeVisible();
  await expect(guest.getByText('Ada Lovelace invited bob@example.com to join the Pool Research.')).toBeVisible();
  await expect(guest.getByText(/device code authorization must be on/)).toBeVisible();
  await expect(guest.getByRole('definition').filter({ hasText: 'in 24 hours' })).toBeVisible();
  await screenshot(guest, 'onboarding-ready-light');
  await guest.getByRole('button', { name: 'Start device approval' }).click();
  const code = guest.getByLabel('Device code');
  await expect(code).toHaveText(/^[A-Z0-9]{4}-[A-Z0-9]{5}$/);
  const userCode = (await code.textContent())!;
  await expect(guest.getByText('Keep this page open; it continues when you approve.')).toBeVisible();
  await screenshot(guest, 'onboarding-pending-light');

  const [verification] = await Promise.all([
    guest.context().waitForEvent('page'),
    guest.getByRole('link', { name: `${fake.issuer}/codex/device` }).click(),
  ]);
  await verification.getByLabel('Code').fill(userCode);
  await verification.getByLabel('Account email').fill('bob@example.com');
  await verification.getByRole('button', { name: 'Approve' }).click();
  await expect(verification.getByText('Approved.')).toBeVisible();

  await expect(heading(guest, 'Codex account connected')).toBeVisible({ timeout: 10_000 });
  await expect(guest.getByText('bob@example.com joined the Pool Research. You can close this page.')).toBeVisible();
  await screenshot(guest, 'onboarding-connected-light');

  const row = page.getByRole('row', { name: 'Invite to bob@example.com' });
  await expect(row).toContainText('Accepted');
  await expect(row).toContainText(/Accepted .* by bob@example\.com/);
  await expect(page.getByText('bob@example.com connected their Codex account to Research.')).toBeVisible();
  await page.getByRole('link', { name: 'Audit log' }).click();
  const audit = page.getByRole('table', { name: 'Audit log' });
  await expect(audit).toContainText('bob@example.com linked their Codex account to the Pool Research');
  await expect(audit).toContainText('bob@example.com accepted the invite to the Pool Research');
});

test('a different account approving is refused, and the invitee can try again', async ({ browser }) => {
  const guest = await invitee(browser, await inviteUrl('bob@example.com'), 'dark');
  fake.approve(await startApproval(guest), 'mallory@example.com');
  await expect(heading(guest, 'A different account approved the code')).toBeVisible({ timeout: 10_000 });
  await expect(
    guest.getByText(/approved as mallory@example\.com, but this invite is for bob@example\.com/),
  ).toBeVisible();
  await screenshot(guest, 'onboarding-mismatch-dark');
  fake.approve(await startApproval(guest), 'bob@example.com');
  await expect(heading(guest, 'Codex account connected')).toBeVisible({ timeout: 10_000 });
});

test('denied, and code expired, each say so with a way to retry', async ({ browser }) => {
  const denied = await invitee(browser, await inviteUrl('bob@example.com'));
  fake.deny(await startApproval(denied));
  await expect(heading(denied, 'The approval was denied')).toBeVisible({ timeout: 10_000 });
  await expect(denied.getByRole('button', { name: 'Try device approval again' })).toBeVisible();

  fake.switches.codeLifetimeSeconds = 2;
  const expiring = await invitee(browser, await inviteUrl('carol@example.com'));
  await expiring.getByRole('button', { name: 'Start device approval' }).click();
  await expect(heading(expiring, 'The code expired')).toBeVisible({ timeout: 10_000 });
  await screenshot(expiring, 'onboarding-code-expired-light');
});

test('an account with device code authorization off stays pending, and the page says why after a while', async ({
  browser,
}) => {
  fake.registerAccount({ email: 'bob@example.com', deviceAuthDisabled: true });
  const context = await browser.newContext();
  const guest = await context.newPage();
  await guest.clock.install();
  await guest.goto(await inviteUrl('bob@example.com'));
  expect(fake.approve(await startApproval(guest), 'bob@example.com')).toBe('device_auth_disabled');
  const hint = guest.getByText(/Still waiting\? .*device code authorization is probably off/);
  await expect(hint).toBeHidden();
  await guest.clock.fastForward('02:00');
  await expect(hint).toBeVisible();
  await expect(guest.getByLabel('Device code')).toBeVisible();
  await screenshot(guest, 'onboarding-still-waiting-light');
});

test('slow_down and a burst of 5xx are ridden out', async ({ browser }) => {
  test.setTimeout(60_000);
  fake.switches.slowDownPolls = 1;
  const slow = await invitee(browser, await inviteUrl('bob@example.com'));
  fake.approve(await startApproval(slow), 'bob@example.com');
  await expect(heading(slow, 'Codex account connected')).toBeVisible({ timeout: 20_000 });

  fake.switches.failingPolls = 3;
  const flaky = await invitee(browser, await inviteUrl('carol@example.com'));
  fake.approve(await startApproval(flaky), 'carol@example.com');
  await expect(heading(flaky, 'Codex account connected')).toBeVisible({ timeout: 20_000 });
});

test('revoking or reissuing while pending ends the page, and approval never lands', async ({ browser }) => {
  const url = await inviteUrl('bob@example.com');
  const guest = await invitee(browser, url);
  const code = await startApproval(guest);
  const { invites } = await rpc<{ invites: { id: string; email: string }[] }>(pooler, 'invites.list', {});
  await rpc(pooler, 'invites.revoke', { id: invites.find((i) => i.email === 'bob@example.com')!.id });
  await expect(heading(guest, 'This invite link cannot be used')).toBeVisible();
  fake.approve(code, 'bob@example.com');
  await guest.waitForTimeout(2_500);
  expect((await rpc<{ status: string }>(pooler, 'invites.get', { id: invites[0]!.id })).status).toBe('revoked');

  // A reissue replaces the link: the old page becomes unavailable.
  await rpc(pooler, 'smtp.update', {
    enabled: true,
    host: '127.0.0.1',
    port: await freePort(),
    security: 'none',
    username: '',
    password: { action: 'keep' },
    fromAddress: 'console@pooler.example',
    fromName: 'Pooler Console',
    allowUntrustedCertificates: false,
    timeoutSeconds: 1,
  });
  const second = await invitee(browser, await inviteUrl('carol@example.com'));
  await startApproval(second);
  const carol = (await rpc<{ invites: { id: string; email: string }[] }>(pooler, 'invites.list', {})).invites.find(
    (i) => i.email === 'carol@example.com',
  )!;
  await rpc(pooler, 'invites.reissue', { id: carol.id });
  await expect(heading(second, 'This invite link cannot be used')).toBeVisible();
  await second.reload();
  await expect(heading(second, 'This invite link cannot be used')).toBeVisible();
});

test('a console restart while pending resumes, and the approval completes', async ({ browser }) => {
  const guest = await invitee(browser, await inviteUrl('bob@example.com'));
  const code = await startApproval(guest);
  await pooler.stop();
  pooler = await startConsole();
  fake.approve(code, 'bob@example.com');
  // The page's event stream reconnects by itself to the restarted console.
  await expect(heading(guest, 'Codex account connected')).toBeVisible({ timeout: 15_000 });
});

test('an unknown token gets the Unavailable page with a 404, and no echo of the token', async ({ browser }) => {
  const url = await inviteUrl('bob@example.com');
  const fakeToken = 'Z'.repeat(43);
  const guest = (await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' })).newPage();
  const page = await guest;
  const response = await page.goto(url.replace(/[^/]+$/, fakeToken));
  expect(response?.status()).toBe(404);
  await expect(heading(page, 'This invite link cannot be used')).toBeVisible();
  expect(await page.content()).not.toContain(fakeToken);
  await screenshot(page, 'onboarding-unavailable-phone-dark');
  await page.goto(url);
  await expect(heading(page, 'Connect your Codex account')).toBeVisible();
  await screenshot(page, 'onboarding-ready-phone-dark');
});
