import { readFileSync } from 'node:fs';
import { expect, inviteId, rpc, screenshot, seedInvites, seedPool, test } from './fixtures';

test('create, copy once, and the URL is gone for good', async ({ page, context, app, pooler }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await seedPool(pooler);
  const invites = await app.open('/invites');
  await expect(page.getByText('No invites yet')).toBeVisible();
  await screenshot(page, 'invites-none-light');

  const result = await invites.createInvite('  Bob@Example.com ');
  const url = await result.link();
  // The link is built from the onboarding listener's public URL (here on a port of its own).
  const { status } = await rpc(pooler, 'onboarding.get', {});
  expect(status.publicUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(url.slice(0, -43)).toBe(`${status.publicUrl}/onboarding/invites/`);
  expect(url.slice(-43)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  await expect(result.root).toContainText('bob@example.com');
  // Until it is copied, Escape does not lose the link.
  await page.keyboard.press('Escape');
  await expect(result.root).toBeVisible();
  await result.root.getByRole('button', { name: 'Copy' }).click();
  await expect(result.root.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await screenshot(page, 'invites-result-light');
  await result.root.getByRole('button', { name: 'Done' }).click();
  await expect(result.root).toBeHidden();

  const bob = invites.row('bob@example.com');
  await expect(bob).toContainText('Active');
  await expect(bob).toContainText('Awaiting acceptance');
  await expect(bob).toContainText('in 24 hours');
  await expect(bob).toContainText('Ada Lovelace');
  expect(await page.content()).not.toContain(url);
  const token = url.split('/').pop() ?? url;
  await page.reload();
  await expect(bob).toBeVisible();
  expect(await page.content()).not.toContain(token);
  await bob.click();
  await expect(invites.details).toContainText('Ada Lovelace invited bob@example.com to the Pool Research');
  expect(await page.content()).not.toContain(token);
  await page.keyboard.press('Escape');
  const audit = await app.goTo('/audit');
  await expect(audit.table).toContainText('invited bob@example.com');
  expect(await page.content()).not.toContain(token);
});

test('filters and search narrow the table, and are kept across restarts', async ({ page, app, pooler }) => {
  await seedInvites(pooler, 6);
  const growth = await seedPool(pooler, 'Growth');
  await rpc(pooler, 'invites.create', { poolId: growth, email: 'grace@acme.test', expiry: '1h', sendEmail: false });
  await rpc(pooler, 'invites.revoke', { id: await inviteId(pooler, 'person2@example.com') });
  const invites = await app.open('/invites');
  await expect(invites.rows).toHaveCount(7);

  await invites.filterByPool('Growth');
  await expect(invites.rows).toHaveCount(1);
  await expect(invites.row('grace@acme.test')).toBeVisible();

  await invites.filterByPool('All Pools');
  await invites.filterByStatus('Revoked');
  await expect(invites.rows).toHaveCount(1);
  await expect(invites.row('person2@example.com')).toContainText('Revoked');

  await invites.filterByStatus('Active');
  await page.keyboard.press('/');
  await expect(invites.search).toBeFocused();
  await page.keyboard.type('PERSON1');
  await expect(invites.rows).toHaveCount(1);
  await expect(invites.row('person1@example.com')).toBeVisible();
  await screenshot(page, 'invites-filtered-light');

  await invites.search.fill('nobody');
  await expect(page.getByText('No invites match the current filters.')).toBeVisible();
  await screenshot(page, 'invites-no-match-light');
  await invites.search.fill('<b>');
  await expect(page.getByText('Search cannot contain < or >.')).toBeVisible();
  await invites.search.fill('person');

  // The filters survive a restart of the console (saved in its settings, not the page).
  await expect
    .poll(async () => (await rpc(pooler, 'settings.get', {})).inviteFilters)
    .toEqual({ status: 'active', search: 'person' });
  await page.reload();
  await expect(invites.search).toHaveValue('person');
  await expect(invites.rows).toHaveCount(5);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(invites.rows).toHaveCount(7);
});

test('revoke asks first; the row turns Revoked and loses its menu', async ({ page, app, pooler }) => {
  await seedInvites(pooler, 2);
  const invites = await app.open('/invites');
  const actions = invites.actionsButton('person1@example.com');
  await actions.click();
  const reissue = page.getByRole('menuitem', { name: /Reissue/ });
  await expect(reissue).toHaveAttribute('aria-disabled', 'true');
  await expect(reissue).toContainText('Email delivery is unavailable until SMTP is configured.');
  await screenshot(page, 'invites-menu-light');
  await page.getByRole('menuitem', { name: 'Revoke…' }).click();
  const confirm = invites.revokeDialog('person1@example.com');
  await expect(confirm).toContainText(
    'The invite URL stops working immediately. Upstream accounts already onboarded keep working.',
  );
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(invites.row('person1@example.com')).toContainText('Active');

  // The whole menu works from the keyboard.
  await actions.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Revoke' }).click();
  await expect(confirm).toBeHidden();
  await expect(invites.row('person1@example.com')).toContainText('Revoked');
  await expect(actions).toHaveCount(0);
  await expect(invites.row('person0@example.com')).toContainText('Active');

  await invites.row('person1@example.com').click();
  await expect(invites.details).toContainText('Revoked');
  await expect(invites.details.getByRole('list', { name: 'Invite timeline' })).toContainText(
    'Ada Lovelace revoked the invite for person1@example.com',
  );
  await screenshot(page, 'invites-details-light');
  await page.keyboard.press('Escape');
  await expect(invites.details).toBeHidden();
});

test('bad emails are refused with a message, and nothing is created', async ({ page, app, pooler }) => {
  await seedPool(pooler);
  const invites = await app.open('/invites');
  await expect(page.getByText('No invites yet')).toBeVisible();
  await page.keyboard.press('n');
  const dialog = invites.page.getByRole('dialog', { name: 'Create Pool invite' });
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
  expect((await rpc(pooler, 'invites.list', {})).invites).toEqual([]);

  // A server-side refusal appears in the dialog, with the input kept.
  await (await invites.createInvite('bob@example.com')).copyAndClose();
  const again = await invites.openCreateDialog();
  await again.email.fill('BOB@example.com');
  await again.submit.click();
  await expect(again.root.getByText('An active invite already exists for this account and Pool.')).toBeVisible();
  await expect(again.email).toHaveValue('BOB@example.com');
});

test('an invite changed or created elsewhere updates the table live', async ({ app, pooler }) => {
  const poolId = await seedInvites(pooler, 3);
  const invites = await app.open('/invites');
  await expect(invites.row('person1@example.com')).toContainText('Awaiting acceptance');
  // Another window of the console revokes it; this one sees it without a reload.
  await rpc(pooler, 'invites.revoke', { id: await inviteId(pooler, 'person1@example.com') });
  await expect(invites.row('person1@example.com')).toContainText('Revoked');
  await rpc(pooler, 'invites.create', { poolId, email: 'newcomer@example.com', expiry: '1h', sendEmail: false });
  await expect(invites.rows.first()).toHaveAttribute('aria-label', 'Invite to newcomer@example.com');
});

test('every invite is reachable by scrolling, with only a window of rows in the page', async ({ app, pooler }) => {
  await seedInvites(pooler, 450);
  const invites = await app.open('/invites');
  await expect(invites.row('person449@example.com')).toBeVisible();
  const oldest = invites.row('person0@example.com');
  // Scroll to the bottom of what is loaded, again as each older page arrives, until the oldest shows.
  await expect
    .poll(
      async () => {
        await invites.scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
        return oldest.count();
      },
      { intervals: [100] },
    )
    .toBe(1);
  await expect(oldest).toBeVisible();
  expect(await invites.rows.count()).toBeLessThan(80);

  // A new filter set starts at the top of its results.
  await invites.filterByStatus('Active');
  await expect(invites.row('person449@example.com')).toBeInViewport();
  expect(await invites.scroller.evaluate((el) => el.scrollTop)).toBe(0);
});

test('exports download the filtered list without URLs', async ({ app, pooler }) => {
  await seedInvites(pooler, 3);
  const invites = await app.open('/invites');
  await invites.filterByStatus('Active');
  const csvDownload = await invites.exportAs('CSV');
  expect(csvDownload.suggestedFilename()).toMatch(/^pooler-invites-\d{4}-\d\d-\d\d\.csv$/);
  const csv = readFileSync((await csvDownload.path()) ?? '', 'utf8');
  expect(csv.trim().split('\n')).toHaveLength(4);
  expect(csv).not.toContain('/onboarding/invites/');

  const jsonDownload = await invites.exportAs('JSON');
  const json = JSON.parse(readFileSync((await jsonDownload.path()) ?? '', 'utf8')) as {
    object: string;
    data: { object: string }[];
  };
  expect(json.object).toBe('list');
  expect(json.data.map((d) => d.object)).toEqual(['pool.invite', 'pool.invite', 'pool.invite']);
});
