import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openConsole, rpc, screenshot, seedInvites, test } from './fixtures';

const table = (page: Page) => page.getByRole('table', { name: 'Invites' });
const row = (page: Page, email: string) => page.getByRole('row', { name: `Invite to ${email}` });

async function createInvite(page: Page, email: string, pool?: string) {
  await page.getByRole('button', { name: 'Create Pool invite' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create Pool invite' });
  if (pool) {
    await dialog.getByLabel('Target Pool').click();
    await page.getByRole('option', { name: pool }).click();
  }
  await dialog.getByLabel('Codex account email').fill(email);
  await dialog.getByRole('button', { name: 'Create invite' }).click();
  return page.getByRole('dialog', { name: 'Share this link before closing — it is shown once' });
}

test('create, copy once, and the URL is gone for good', async ({ page, context, pooler }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await rpc(pooler, 'pools.create', { name: 'Research' });
  await openConsole(page, pooler);
  await expect(page.getByText('No invites yet')).toBeVisible();
  await screenshot(page, 'invites-none-light');

  const result = await createInvite(page, '  Bob@Example.com ');
  const url = (await result.getByLabel('Invite URL').textContent())!;
  // The link is built from the onboarding listener's public URL (here on a port of its own).
  const { status } = await rpc<{ status: { publicUrl: string } }>(pooler, 'onboarding.get', {});
  expect(status.publicUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(url.slice(0, -43)).toBe(`${status.publicUrl}/onboarding/invites/`);
  expect(url.slice(-43)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  await expect(result).toContainText('bob@example.com');
  // Until it is copied, Escape does not lose the link.
  await page.keyboard.press('Escape');
  await expect(result).toBeVisible();
  await result.getByRole('button', { name: 'Copy' }).click();
  await expect(result.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await screenshot(page, 'invites-result-light');
  await result.getByRole('button', { name: 'Done' }).click();
  await expect(result).toBeHidden();

  await expect(row(page, 'bob@example.com')).toContainText('Active');
  await expect(row(page, 'bob@example.com')).toContainText('Awaiting acceptance');
  await expect(row(page, 'bob@example.com')).toContainText('in 24 hours');
  await expect(row(page, 'bob@example.com')).toContainText('Ada Lovelace');
  expect(await page.content()).not.toContain(url);
  const token = url.split('/').pop()!;
  await page.reload();
  await expect(row(page, 'bob@example.com')).toBeVisible();
  expect(await page.content()).not.toContain(token);
  await row(page, 'bob@example.com').click();
  const details = page.getByRole('dialog', { name: 'Invite details' });
  await expect(details).toContainText('Ada Lovelace invited bob@example.com to the Pool Research');
  expect(await page.content()).not.toContain(token);
  await page.keyboard.press('Escape');
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('table', { name: 'Audit log' })).toContainText('invited bob@example.com');
  expect(await page.content()).not.toContain(token);
});

test('filters and search narrow the table, and are kept across restarts', async ({ page, pooler }) => {
  const research = await seedInvites(pooler, 6);
  const growth = await rpc<{ id: string }>(pooler, 'pools.create', { name: 'Growth' });
  await rpc(pooler, 'invites.create', { poolId: growth.id, email: 'grace@acme.test', expiry: '1h', sendEmail: false });
  const { invites } = await rpc<{ invites: { id: string; email: string }[] }>(pooler, 'invites.list', {
    poolId: research,
  });
  await rpc(pooler, 'invites.revoke', { id: invites.find((i) => i.email === 'person2@example.com')!.id });
  await openConsole(page, pooler);
  const rows = table(page).locator('tbody tr[data-invite-id]');
  await expect(rows).toHaveCount(7);

  await page.getByRole('combobox', { name: 'Pool' }).selectOption({ label: 'Growth' });
  await expect(rows).toHaveCount(1);
  await expect(row(page, 'grace@acme.test')).toBeVisible();

  await page.getByRole('combobox', { name: 'Pool' }).selectOption({ label: 'All Pools' });
  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Revoked' });
  await expect(rows).toHaveCount(1);
  await expect(row(page, 'person2@example.com')).toContainText('Revoked');

  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Active' });
  await page.keyboard.press('/');
  await expect(page.getByLabel('Search by email')).toBeFocused();
  await page.keyboard.type('PERSON1');
  await expect(rows).toHaveCount(1);
  await expect(row(page, 'person1@example.com')).toBeVisible();
  await screenshot(page, 'invites-filtered-light');

  await page.getByLabel('Search by email').fill('nobody');
  await expect(page.getByText('No invites match the current filters.')).toBeVisible();
  await screenshot(page, 'invites-no-match-light');
  await page.getByLabel('Search by email').fill('<b>');
  await expect(page.getByText('Search cannot contain < or >.')).toBeVisible();
  await page.getByLabel('Search by email').fill('person');

  // The filters survive a restart of the console (saved in its settings, not the page).
  await expect
    .poll(async () => (await rpc<{ inviteFilters: unknown }>(pooler, 'settings.get', {})).inviteFilters)
    .toEqual({
      status: 'active',
      search: 'person',
    });
  await page.reload();
  await expect(page.getByLabel('Search by email')).toHaveValue('person');
  await expect(rows).toHaveCount(5);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows).toHaveCount(7);
});

test('revoke asks first; the row turns Revoked and loses its menu', async ({ page, pooler }) => {
  await seedInvites(pooler, 2);
  await openConsole(page, pooler);
  const actions = page.getByRole('button', { name: 'Actions for the invite to person1@example.com' });
  await actions.click();
  const reissue = page.getByRole('menuitem', { name: /Reissue/ });
  await expect(reissue).toHaveAttribute('aria-disabled', 'true');
  await expect(reissue).toContainText('Email delivery is unavailable until SMTP is configured.');
  await screenshot(page, 'invites-menu-light');
  await page.getByRole('menuitem', { name: 'Revoke…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke the invite for person1@example.com?' });
  await expect(confirm).toContainText(
    'The invite URL stops working immediately. Upstream accounts already onboarded keep working.',
  );
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(row(page, 'person1@example.com')).toContainText('Active');

  // The whole menu works from the keyboard.
  await actions.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Revoke' }).click();
  await expect(confirm).toBeHidden();
  await expect(row(page, 'person1@example.com')).toContainText('Revoked');
  await expect(actions).toHaveCount(0);
  await expect(row(page, 'person0@example.com')).toContainText('Active');

  await row(page, 'person1@example.com').click();
  const details = page.getByRole('dialog', { name: 'Invite details' });
  await expect(details).toContainText('Revoked');
  await expect(details.getByRole('list', { name: 'Invite timeline' })).toContainText(
    'Ada Lovelace revoked the invite for person1@example.com',
  );
  await screenshot(page, 'invites-details-light');
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
});

test('bad emails are refused with a message, and nothing is created', async ({ page, pooler }) => {
  await rpc(pooler, 'pools.create', { name: 'Research' });
  await openConsole(page, pooler);
  await expect(page.getByText('No invites yet')).toBeVisible();
  await page.keyboard.press('n');
  const dialog = page.getByRole('dialog', { name: 'Create Pool invite' });
  await expect(dialog).toBeVisible();
  const email = dialog.getByLabel('Codex account email');
  const submit = dialog.getByRole('button', { name: 'Create invite' });
  await expect(submit).toBeDisabled();
  await email.fill('x'.repeat(10 * 1024) + '@example.com');
  await expect(dialog.getByText('Codex account email must be 254 characters or fewer.')).toBeVisible();
  await expect(submit).toBeDisabled();
  await email.fill('<script>alert(1)</script>@example.com');
  await expect(
    dialog.getByText('Codex account email must be a valid email address, like name@example.com.'),
  ).toBeVisible();
  await expect(submit).toBeDisabled();
  await email.fill('bob@example.com\r\nBcc: eve@example.com');
  await expect(submit).toBeDisabled();
  await screenshot(page, 'invites-create-error-light');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect((await rpc<{ invites: unknown[] }>(pooler, 'invites.list', {})).invites).toEqual([]);

  // A server-side refusal appears in the dialog, with the input kept.
  await createInvite(page, 'bob@example.com');
  await page.getByRole('button', { name: 'Copy' }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Create Pool invite' }).click();
  await dialog.getByLabel('Codex account email').fill('BOB@example.com');
  await submit.click();
  await expect(dialog.getByText('An active invite already exists for this account and Pool.')).toBeVisible();
  await expect(dialog.getByLabel('Codex account email')).toHaveValue('BOB@example.com');
});

test('an invite changed or created elsewhere updates the table live', async ({ page, pooler }) => {
  await seedInvites(pooler, 3);
  await openConsole(page, pooler);
  await expect(row(page, 'person1@example.com')).toContainText('Awaiting acceptance');
  // Another window of the console revokes it; this one sees it without a reload.
  const { invites } = await rpc<{ invites: { id: string; email: string }[] }>(pooler, 'invites.list', {});
  await rpc(pooler, 'invites.revoke', { id: invites.find((i) => i.email === 'person1@example.com')!.id });
  await expect(row(page, 'person1@example.com')).toContainText('Revoked');
  await rpc(pooler, 'invites.create', {
    poolId: (await rpc<{ pools: { id: string }[] }>(pooler, 'pools.list', {})).pools[0]!.id,
    email: 'newcomer@example.com',
    expiry: '1h',
    sendEmail: false,
  });
  await expect(table(page).locator('tbody tr[data-invite-id]').first()).toHaveAttribute(
    'aria-label',
    'Invite to newcomer@example.com',
  );
});

test('every invite is reachable by scrolling, with only a window of rows in the page', async ({ page, pooler }) => {
  await seedInvites(pooler, 450);
  await openConsole(page, pooler);
  const rows = table(page).locator('tbody tr[data-invite-id]');
  await expect(row(page, 'person449@example.com')).toBeVisible();
  const scroller = page.locator('.MuiTableContainer-root');
  for (let i = 0; i < 30; i++) {
    await scroller.evaluate((el) => el.scrollBy(0, 2000));
    if ((await row(page, 'person0@example.com').count()) > 0) break;
  }
  await expect(row(page, 'person0@example.com')).toBeVisible();
  expect(await rows.count()).toBeLessThan(80);

  // A new filter set starts at the top of its results.
  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Active' });
  await expect(row(page, 'person449@example.com')).toBeInViewport();
  expect(await scroller.evaluate((el) => el.scrollTop)).toBe(0);
});

test('exports download the filtered list without URLs', async ({ page, pooler }) => {
  await seedInvites(pooler, 3);
  await openConsole(page, pooler);
  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Active' });
  await page.getByRole('button', { name: 'Export' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: /CSV/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^pooler-invites-\d{4}-\d\d-\d\d\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.trim().split('\n')).toHaveLength(4);
  expect(csv).not.toContain('/onboarding/invites/');

  await page.getByRole('button', { name: 'Export' }).click();
  const jsonDownload = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: /JSON/ }).click();
  const json = JSON.parse(readFileSync((await (await jsonDownload).path())!, 'utf8')) as {
    object: string;
    data: { object: string }[];
  };
  expect(json.object).toBe('list');
  expect(json.data.map((d) => d.object)).toEqual(['pool.invite', 'pool.invite', 'pool.invite']);
});
