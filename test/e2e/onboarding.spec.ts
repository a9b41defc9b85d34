import type { FakeOpenAI } from '../fakes/openai/fake-openai-server';
import { freePort } from '../support/free-port';
import { expect, inviteId, inviteLink, rpc, screenshot, seedPool, smtpSettings, test } from './fixtures';
import { InviteePage, USER_CODE } from './pages/invitee-page';

/** How many times the console polled OpenAI for this user code. */
const pollsFor = (openai: FakeOpenAI, userCode: string) =>
  openai.requests.filter(
    (r) => r.path === '/api/accounts/deviceauth/token' && (r.body as { user_code?: string }).user_code === userCode,
  ).length;

test('an invitee connects through the copied link while the operator watches it happen', async ({
  page,
  context,
  browser,
  app,
  pooler,
  openai,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await seedPool(pooler);
  const invites = await app.open('/invites');
  const result = await invites.createInvite('bob@example.com');
  await result.root.getByRole('button', { name: 'Copy' }).click();
  const url = await page.evaluate(() => navigator.clipboard.readText());
  await result.root.getByRole('button', { name: 'Done' }).click();
  expect(url).toContain(`:${pooler.onboardingPort}/onboarding/invites/`);

  const guest = await InviteePage.open(browser, url);
  await expect(guest.heading('Connect your Codex account')).toBeVisible();
  await expect(guest.page.getByText('Ada Lovelace invited bob@example.com to join the Pool Research.')).toBeVisible();
  await expect(guest.page.getByText(/Needs device code authorization on/)).toBeVisible();
  await expect(guest.page.getByRole('definition').filter({ hasText: 'in 24 hours' })).toBeVisible();
  await screenshot(guest.page, 'onboarding-ready-light');
  await guest.page.getByRole('button', { name: 'Start device approval' }).click();
  await expect(guest.deviceCode).toHaveText(USER_CODE);
  const userCode = (await guest.deviceCode.textContent()) ?? '';
  await expect(guest.page.getByText('Keep this page open; it continues when you approve.')).toBeVisible();
  await screenshot(guest.page, 'onboarding-pending-light');

  const [verification] = await Promise.all([
    guest.page.context().waitForEvent('page'),
    guest.page.getByRole('link', { name: `${openai.issuer}/codex/device` }).click(),
  ]);
  await verification.getByLabel('Code').fill(userCode);
  await verification.getByLabel('Account email').fill('bob@example.com');
  await verification.getByRole('button', { name: 'Approve' }).click();
  await expect(verification.getByText('Approved.')).toBeVisible();

  await expect(guest.heading('Codex account connected')).toBeVisible({ timeout: 10_000 });
  await expect(
    guest.page.getByText('bob@example.com joined the Pool Research. You can close this page.'),
  ).toBeVisible();
  await screenshot(guest.page, 'onboarding-connected-light');

  const row = invites.row('bob@example.com');
  await expect(row).toContainText('Accepted');
  // The who on its own line under "Accepted {time}", visible without hovering.
  await expect(invites.resultLine('bob@example.com', 'by bob@example.com')).toBeVisible();
  await expect(app.notice('bob@example.com connected their Codex account to Research.')).toBeVisible();
  // The receipt on both sides: the operator's notice and the invitee's page say the same.
  const receipt = 'Connected: bob@example.com, Plus; 5-hour window 73 % left.';
  await expect(app.notice(receipt)).toBeVisible();
  await expect(guest.page.getByRole('status').filter({ hasText: receipt })).toBeVisible();
  await screenshot(guest.page, 'onboarding-receipt-light');
  // …and so does the invite's details drawer.
  await row.click();
  await expect(invites.details).toContainText(`Receipt${receipt}`);
  await screenshot(page, 'invite-drawer-receipt-light');
  await page.keyboard.press('Escape');
  const audit = await app.goTo('/audit');
  await expect(audit.table).toContainText('bob@example.com linked their Codex account to the Pool Research');
  await expect(audit.table).toContainText('bob@example.com accepted the invite to the Pool Research');
});

test('a different account approving is refused, and the invitee can try again', async ({ browser, pooler, openai }) => {
  const guest = await InviteePage.open(browser, await inviteLink(pooler, 'bob@example.com'), { colorScheme: 'dark' });
  openai.approve(await guest.startApproval(), 'mallory@example.com');
  await expect(guest.heading('A different account approved the code')).toBeVisible({ timeout: 10_000 });
  await expect(
    guest.page.getByText(/approved as mallory@example\.com, but this invite is for bob@example\.com/),
  ).toBeVisible();
  await screenshot(guest.page, 'onboarding-mismatch-dark');
  openai.approve(await guest.startApproval(), 'bob@example.com');
  await expect(guest.heading('Codex account connected')).toBeVisible({ timeout: 10_000 });
});

test('denied, and code expired, each say so with a way to retry', async ({ browser, pooler, openai }) => {
  const denied = await InviteePage.open(browser, await inviteLink(pooler, 'bob@example.com'));
  openai.deny(await denied.startApproval());
  await expect(denied.heading('The approval was denied')).toBeVisible({ timeout: 10_000 });
  await expect(denied.page.getByRole('button', { name: 'Try device approval again' })).toBeVisible();

  openai.switches.codeLifetimeSeconds = 2;
  const expiring = await InviteePage.open(browser, await inviteLink(pooler, 'carol@example.com'));
  await expiring.page.getByRole('button', { name: 'Start device approval' }).click();
  await expect(expiring.heading('The code expired')).toBeVisible({ timeout: 10_000 });
  await screenshot(expiring.page, 'onboarding-code-expired-light');
});

test('"Start again with a new code" replaces the code; a reload shows the same one', async ({
  browser,
  pooler,
  openai,
}) => {
  const guest = await InviteePage.open(browser, await inviteLink(pooler, 'bob@example.com'));
  const first = await guest.startApproval();
  const codeRequests = () => openai.requests.filter((r) => r.path === '/api/accounts/deviceauth/usercode').length;
  // A reload shows the same code: it does not ask OpenAI for another.
  await guest.page.reload();
  await expect(guest.deviceCode).toHaveText(first);
  expect(codeRequests()).toBe(1);
  await guest.page.getByRole('button', { name: 'Start again with a new code' }).click();
  // At most one new code per 10 s for an invite: the page waits with its buttons disabled.
  await expect(guest.deviceCode).not.toHaveText(first, { timeout: 15_000 });
  await expect(guest.deviceCode).toHaveText(USER_CODE);
  expect(codeRequests()).toBe(2);
  openai.approve((await guest.deviceCode.textContent()) ?? '', 'bob@example.com');
  await expect(guest.heading('Codex account connected')).toBeVisible({ timeout: 10_000 });
});

test('a page refused a live stream (too many open) follows by asking every few seconds', async ({
  browser,
  pooler,
  openai,
}) => {
  test.setTimeout(60_000);
  // One client may hold 8 streams: eight open pages, and the ninth is refused one.
  const others = [];
  for (let i = 0; i < 8; i++) {
    const other = await InviteePage.open(browser, await inviteLink(pooler, `other-${i}@example.com`));
    await expect(other.heading('Connect your Codex account')).toBeVisible();
    others.push(other);
  }
  const page = await (await browser.newContext()).newPage();
  const stream = page.waitForResponse((response) => response.url().endsWith('/events'));
  await page.goto(await inviteLink(pooler, 'bob@example.com'));
  expect((await stream).status()).toBe(503);
  await page.getByRole('button', { name: 'Start device approval' }).click();
  const code = page.getByLabel('Device code');
  await expect(code).toHaveText(USER_CODE);
  openai.approve((await code.textContent()) ?? '', 'bob@example.com');
  await expect(page.getByRole('heading', { name: 'Codex account connected' })).toBeVisible({ timeout: 15_000 });
  for (const other of others) await other.close();
});

test('an account with device code authorization off stays pending, says why after a while, and finishes by browser sign-in and paste', async ({
  browser,
  pooler,
  openai,
}) => {
  openai.registerAccount({ email: 'bob@example.com', deviceAuthDisabled: true });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(await inviteLink(pooler, 'bob@example.com'));
  await page.getByRole('button', { name: 'Start device approval' }).click();
  const code = page.getByLabel('Device code');
  await expect(code).toHaveText(USER_CODE);
  expect(openai.approve((await code.textContent()) ?? '', 'bob@example.com')).toBe('device_auth_disabled');
  const hint = page.getByText(/Still waiting\? .*device code authorization is probably off/);
  await expect(hint).toBeHidden();
  await page.clock.fastForward('02:00');
  await expect(hint).toBeVisible();
  await expect(code).toBeVisible();
  await screenshot(page, 'onboarding-still-waiting-light');

  // The way out: sign in in the browser and paste the address back (reference §11).
  await page.getByRole('button', { name: 'Sign in in your browser instead' }).click();
  const signInLink = page.getByRole('link', { name: 'Open the OpenAI sign-in page' });
  const authorizeUrl = (await signInLink.getAttribute('href')) ?? '';
  expect(authorizeUrl.startsWith(`${openai.issuer}/oauth/authorize?`)).toBe(true);
  await expect(signInLink).toHaveAttribute('target', '_blank');
  const box = page.getByLabel('Address of the page you landed on');
  await box.fill('https://evil.example/auth/callback?code=abc');
  await page.getByRole('button', { name: 'Finish connecting' }).click();
  await expect(page.getByRole('alert')).toHaveText(/This is not the sign-in result/);
  // A refusal never echoes what was pasted.
  await expect(page.getByText('evil.example')).toHaveCount(0);
  await screenshot(page, 'onboarding-paste-error-light');
  await box.fill(await openai.signInBrowser(authorizeUrl, 'bob@example.com'));
  await page.getByRole('button', { name: 'Finish connecting' }).click();
  await expect(page.getByRole('heading', { name: 'Codex account connected' })).toBeVisible();
  await context.close();
});

test('slow_down and a burst of 5xx are ridden out', async ({ browser, pooler, openai }) => {
  test.setTimeout(60_000);
  openai.switches.slowDownPolls = 1;
  const slow = await InviteePage.open(browser, await inviteLink(pooler, 'bob@example.com'));
  openai.approve(await slow.startApproval(), 'bob@example.com');
  await expect(slow.heading('Codex account connected')).toBeVisible({ timeout: 20_000 });

  openai.switches.failingPolls = 3;
  const flaky = await InviteePage.open(browser, await inviteLink(pooler, 'carol@example.com'));
  openai.approve(await flaky.startApproval(), 'carol@example.com');
  await expect(flaky.heading('Codex account connected')).toBeVisible({ timeout: 20_000 });
});

test('revoking or reissuing while pending ends the page, and approval never lands', async ({
  browser,
  pooler,
  openai,
}) => {
  const guest = await InviteePage.open(browser, await inviteLink(pooler, 'bob@example.com'));
  const code = await guest.startApproval();
  const bob = await inviteId(pooler, 'bob@example.com');
  await rpc(pooler, 'invites.revoke', { id: bob });
  await expect(guest.heading('This invite link cannot be used')).toBeVisible();
  openai.approve(code, 'bob@example.com');
  const pollsBefore = pollsFor(openai, code);
  // A control invitee polls at the same pace: by the time it connects, a poll of the revoked
  // session would have come and landed too, had it not ended.
  const control = await InviteePage.open(browser, await inviteLink(pooler, 'dave@example.com'));
  openai.approve(await control.startApproval(), 'dave@example.com');
  await expect(control.heading('Codex account connected')).toBeVisible({ timeout: 10_000 });
  expect(pollsFor(openai, code)).toBe(pollsBefore);
  expect((await rpc(pooler, 'invites.get', { id: bob })).status).toBe('revoked');

  // A reissue replaces the link: the old page becomes unavailable.
  await rpc(pooler, 'smtp.update', smtpSettings(await freePort(), { timeoutSeconds: 1 }));
  const second = await InviteePage.open(browser, await inviteLink(pooler, 'carol@example.com'));
  await second.startApproval();
  await rpc(pooler, 'invites.reissue', { id: await inviteId(pooler, 'carol@example.com') });
  await expect(second.heading('This invite link cannot be used')).toBeVisible();
  await second.page.reload();
  await expect(second.heading('This invite link cannot be used')).toBeVisible();
});

test('a console restart while pending resumes, and the approval completes', async ({ browser, pooler, openai }) => {
  const guest = await InviteePage.open(browser, await inviteLink(pooler, 'bob@example.com'));
  const code = await guest.startApproval();
  await pooler.restart();
  openai.approve(code, 'bob@example.com');
  // The page's event stream reconnects by itself to the restarted console.
  await expect(guest.heading('Codex account connected')).toBeVisible({ timeout: 15_000 });
});

test('an unknown token gets the Unavailable page with a 404, and no echo of the token', async ({ browser, pooler }) => {
  const url = await inviteLink(pooler, 'bob@example.com');
  const fakeToken = 'Z'.repeat(43);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
  const page = await context.newPage();
  const response = await page.goto(url.replace(/[^/]+$/, fakeToken));
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'This invite link cannot be used' })).toBeVisible();
  expect(await page.content()).not.toContain(fakeToken);
  await screenshot(page, 'onboarding-unavailable-phone-dark');
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Connect your Codex account' })).toBeVisible();
  await screenshot(page, 'onboarding-ready-phone-dark');
});
