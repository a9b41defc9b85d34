import { expect, rpc, screenshot, seedPool, test } from './fixtures';
import { ConsoleApp } from './pages/console-app';

test('create, rename, disable and archive a Pool, and see it all in the audit log', async ({ page, app }) => {
  const pools = await app.open('/pools');
  await expect(page.getByText('No Pools yet')).toBeVisible();

  await pools.createButton.click();
  const create = pools.nameDialog('Create Pool');
  await expect(create.submit).toBeDisabled();
  await create.name.fill('Research');
  await create.submit.click();
  await expect(create.root).toBeHidden();
  await expect(pools.row('Research')).toContainText('Active');
  await expect(pools.row('Research')).toContainText('research');

  await pools.chooseAction('Research', 'Rename…');
  const rename = pools.nameDialog('Rename Pool');
  await expect(rename.name).toHaveValue('Research');
  await expect(rename.submit).toBeDisabled();
  await rename.name.fill('Research Lab');
  await rename.submit.click();
  await expect(pools.row('Research Lab')).toBeVisible();

  await pools.chooseAction('Research Lab', 'Disable');
  await expect(pools.row('Research Lab')).toContainText('Disabled');
  await expect(app.notice('Research Lab disabled.')).toBeVisible();

  await pools.chooseAction('Research Lab', 'Enable');
  await expect(pools.row('Research Lab')).toContainText('Active');

  await pools.chooseAction('Research Lab', 'Archive…');
  const confirm = pools.archiveDialog('Research Lab');
  await expect(confirm).toContainText('This cannot be undone.');
  await screenshot(page, 'pools-archive-confirm-light');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(pools.row('Research Lab')).toContainText('Active');
  await pools.chooseAction('Research Lab', 'Archive…');
  await confirm.getByRole('button', { name: 'Archive Pool' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText('Every Pool is archived')).toBeVisible();
  await page.getByLabel('Show archived (1)').check();
  await expect(pools.row('Research Lab')).toContainText('Archived');
  await expect(pools.actionsButton('Research Lab')).toHaveCount(0);
  // The table's times give their full form as the cell's title, an archived Pool's too.
  const created = pools.row('Research Lab').getByRole('cell').nth(2);
  await created.hover();
  await expect(created).toHaveAttribute('title', new RegExp(String(new Date().getFullYear())));

  const audit = await app.goTo('/audit');
  await expect(audit.rows.nth(0)).toContainText('Ada Lovelace archived the Pool Research Lab');
  await expect(audit.rows.nth(1)).toContainText('Ada Lovelace enabled the Pool Research Lab');
  await expect(audit.rows.nth(2)).toContainText('Ada Lovelace disabled the Pool Research Lab');
  await expect(audit.rows.nth(3)).toContainText('Ada Lovelace renamed the Pool Research to Research Lab');
  await expect(audit.rows.nth(4)).toContainText('Ada Lovelace created the Pool Research');
  // A time's full form (weekday, seconds, zone) shows on hover; its tooltip is made on first hover.
  const year = String(new Date().getFullYear());
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  await audit.rows
    .nth(0)
    .getByText(/just now|ago/)
    .hover();
  await expect(page.getByRole('tooltip')).toContainText(year);

  await audit.filterByAction('Pool created');
  await expect(audit.rows).toHaveCount(1);
  await expect(page).toHaveURL(/action=pool\.created/);
  await page.reload();
  await expect(audit.rows).toHaveCount(1);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(audit.rows).toHaveCount(6);
});

test('a bad Pool name shows its error and changes nothing', async ({ page, app, pooler }) => {
  await seedPool(pooler, 'Research');
  const pools = await app.open('/pools');
  await expect(pools.row('Research')).toBeVisible();
  const auditBefore = await rpc(pooler, 'audit.list', {});

  await pools.createButton.click();
  const dialog = pools.nameDialog('Create Pool');
  for (const [value, message] of [
    ['<script>alert(1)</script>', 'Pool name cannot contain < or >.'],
    ['x'.repeat(81), 'Pool name must be 80 characters or fewer.'],
    ['  RESEARCH ', 'A Pool named "Research" already exists.'],
    ['\u202eevil', 'Pool name cannot contain text-direction control characters.'],
    ['Re\u200bsearch', 'Pool name cannot contain invisible characters, such as zero-width spaces.'],
  ] as const) {
    await dialog.name.fill(value);
    await expect(dialog.root.getByText(message)).toBeVisible();
    await expect(dialog.submit).toBeDisabled();
    await dialog.name.press('Enter');
  }
  await screenshot(page, 'pools-create-error-light');
  await dialog.name.fill('');
  await expect(dialog.root.getByText('Pool name is required.')).toBeVisible();
  await dialog.cancel.click();

  // A Pool created elsewhere while the dialog is open reaches it live.
  await pools.createButton.click();
  await dialog.name.fill('Growth');
  await expect(dialog.submit).toBeEnabled();
  await rpc(pooler, 'pools.create', { name: 'growth' });
  await expect(dialog.root.getByText('A Pool named "growth" already exists.')).toBeVisible();
  await expect(dialog.submit).toBeDisabled();
  await dialog.cancel.click();

  // What the dialog cannot know comes back from the core and shows in place, input kept.
  const research = (await rpc(pooler, 'pools.list', {})).pools.find((p) => p.name === 'Research');
  await pools.chooseAction('Research', 'Rename…');
  const rename = pools.nameDialog('Rename Pool');
  await rename.name.fill('Research Lab');
  await rpc(pooler, 'pools.setStatus', { id: research?.id ?? '', status: 'archived' });
  await rename.submit.click();
  await expect(rename.root.getByRole('alert')).toHaveText(
    'The Pool "Research" is archived and can no longer be changed.',
  );
  await expect(rename.name).toHaveValue('Research Lab');
  await screenshot(page, 'pools-rename-server-error-light');
  await rename.cancel.click();

  const { pools: after } = await rpc(pooler, 'pools.list', {});
  expect(after.map((p) => p.name)).toEqual(['growth', 'Research']);
  const auditAfter = await rpc(pooler, 'audit.list', {});
  expect(auditAfter.entries).toHaveLength(auditBefore.entries.length + 2);
});

test('a second window sees changes live, without a reload', async ({ app, context, pooler }) => {
  const pools = await app.open('/pools');
  const other = new ConsoleApp(await context.newPage(), pooler);
  const audit = await other.open('/audit');
  await expect(other.notice('Nothing has happened yet')).toHaveCount(0);

  await pools.createPool('Live Pool');
  await expect(audit.table).toContainText('Ada Lovelace created the Pool Live Pool');

  const otherPools = await other.goTo('/pools');
  await rpc(pooler, 'pools.create', { name: 'From elsewhere' });
  await expect(otherPools.row('From elsewhere')).toBeVisible();
  await expect(pools.row('From elsewhere')).toBeVisible();
});

test('a Pool’s times give their full form on hover, and a rename updates it', async ({ page, app, pooler }) => {
  const id = await seedPool(pooler, 'Research');
  const pools = await app.open('/pools');
  const full = async (ms: number) =>
    page.evaluate((at) => new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' }).format(at), ms);
  const pool = async () => (await rpc(pooler, 'pools.list', {})).pools.find((one) => one.id === id)!;

  const created = pools.row('Research').getByRole('cell').nth(2);
  await created.hover();
  await expect(created).toHaveAttribute('title', await full((await pool()).createdAt));

  await rpc(pooler, 'pools.rename', { id, name: 'Research Lab' });
  const changed = pools.row('Research Lab').getByRole('cell').nth(3);
  await changed.hover();
  await expect(changed).toHaveAttribute('title', await full((await pool()).updatedAt));
});
