import { authJsonFor } from '../support/upstream-harness';
import { expect, rpc, screenshot, seedPool, test } from './fixtures';

/** What the page's `new Notification(…)` calls were, and a way to click the last one. */
const RECORD_NOTIFICATIONS = () => {
  const seen: { title: string; body: string | undefined }[] = [];
  const made: Notification[] = [];
  const Real = window.Notification;
  class Recording extends Real {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      seen.push({ title, body: options?.body });
      made.push(this);
    }
  }
  Object.defineProperty(window, 'Notification', { value: Recording });
  Object.assign(window, {
    seenNotifications: seen,
    clickLastNotification: () => made.at(-1)?.onclick?.(new Event('click')),
  });
};

test('an alert reaches the browser console as a desktop notification; clicking it lands on the row', async ({
  page,
  app,
  pooler,
  openai,
}) => {
  await page.context().grantPermissions(['notifications']);
  await page.addInitScript(RECORD_NOTIFICATIONS);
  const poolId = await seedPool(pooler);
  const others = ['amy', 'ben', 'cy', 'dee', 'eve', 'fay', 'gus', 'hal'];
  for (const name of others)
    await rpc(pooler, 'upstreams.importAuth', { poolId, file: authJsonFor(openai.mintTokens(`${name}@example.com`)) });
  const { id } = await rpc(pooler, 'upstreams.importAuth', {
    poolId,
    file: authJsonFor(openai.mintTokens('zoe@example.com')),
  });
  const settings = await app.open('/settings');
  const section = page.getByRole('region', { name: 'Alerts' });
  await expect(section).toContainText('This browser shows the alerts as desktop notifications.');
  await section.scrollIntoViewIfNeeded();
  await screenshot(page, 'settings-alerts-light');
  void settings;

  await app.goTo('/pools');
  openai.invalidateRefreshTokens('zoe@example.com');
  await rpc(pooler, 'upstreams.refresh', { id });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { seenNotifications: unknown[] }).seenNotifications), {
      timeout: 10_000,
    })
    .toEqual([
      {
        title: 'An account needs relinking',
        body: 'zoe@example.com must sign in again: its refresh token no longer works.',
      },
    ]);
  // The same alert as a notice in the console, with a way to it.
  await expect(app.notice('zoe@example.com must sign in again: its refresh token no longer works.')).toBeVisible();

  await page.evaluate(() => (window as unknown as { clickLastNotification(): void }).clickLastNotification());
  await expect(page).toHaveURL(new RegExp(`#/upstreams\\?account=${id}$`));
  const zoe = page.getByRole('row', { name: 'Account zoe@example.com' });
  await expect(zoe).toHaveAttribute('aria-selected', 'true');
  await expect(zoe).toBeInViewport();
  await screenshot(page, 'upstreams-deep-link-light');
  const audited = await rpc(pooler, 'audit.list', { action: 'alert.raised' });
  expect(audited.entries.map((e) => e.details)).toEqual([
    { kind: 'relink_needed', count: 1, title: 'An account needs relinking' },
  ]);
});

test('Settings → Accounts and Alerts: choices saved at once, the threshold checked, dark', async ({
  page,
  app,
  pooler,
}) => {
  await seedPool(pooler);
  await page.emulateMedia({ colorScheme: 'dark' });
  await rpc(pooler, 'settings.updateAppearance', { theme: 'dark' });
  await app.open('/settings');
  const accounts = page.getByRole('region', { name: 'Accounts' });
  await expect(accounts.getByRole('radio', { name: /^Do nothing/ })).toBeChecked();
  // Emailing the owner needs SMTP, which this console lacks.
  await expect(accounts.getByRole('radio', { name: /email it to the account’s owner/ })).toBeDisabled();
  await accounts.getByRole('radio', { name: /^Create a relink link \(/ }).check();
  await expect.poll(async () => (await rpc(pooler, 'settings.get', {})).accounts.relinkAutomation).toBe('link');

  const alerts = page.getByRole('region', { name: 'Alerts' });
  await alerts.getByRole('switch', { name: 'A Pool has capacity again' }).uncheck();
  await expect
    .poll(async () => (await rpc(pooler, 'settings.get', {})).alerts.enabled.pool_capacity_recovered)
    .toBe(false);
  const threshold = alerts.getByLabel('Running low below (percent)');
  await threshold.fill('150');
  await expect(alerts).toContainText('The threshold must be between 1 and 99 %.');
  await expect(alerts.getByRole('button', { name: 'Save' })).toBeDisabled();
  await accounts.scrollIntoViewIfNeeded();
  await screenshot(page, 'settings-accounts-alerts-dark');
  await threshold.fill('25');
  await alerts.getByRole('button', { name: 'Save' }).click();
  await expect.poll(async () => (await rpc(pooler, 'settings.get', {})).alerts.capacityThresholdPercent).toBe(25);
});
