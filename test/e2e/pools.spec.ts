import { expect, openConsole, rpc, screenshot, test } from './fixtures';
import type { Page } from '@playwright/test';

function poolRow(page: Page, name: string) {
  return page.getByRole('row').filter({ has: page.getByText(name, { exact: true }) });
}

async function poolAction(page: Page, name: string, action: string) {
  await page.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: action }).click();
}

test('create, rename, disable and archive a Pool, and see it all in the audit log', async ({ page, pooler }) => {
  await openConsole(page, pooler, '/pools');
  await expect(page.getByText('No Pools yet')).toBeVisible();

  await page.getByRole('button', { name: 'Create Pool' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create Pool' });
  const submit = dialog.getByRole('button', { name: 'Create Pool' });
  await expect(submit).toBeDisabled();
  await dialog.getByLabel('Pool name').fill('Research');
  await submit.click();
  await expect(dialog).toBeHidden();
  await expect(poolRow(page, 'Research')).toContainText('Active');
  await expect(poolRow(page, 'Research')).toContainText('research');

  await poolAction(page, 'Research', 'Rename…');
  const rename = page.getByRole('dialog', { name: 'Rename Pool' });
  await expect(rename.getByLabel('Pool name')).toHaveValue('Research');
  await expect(rename.getByRole('button', { name: 'Rename' })).toBeDisabled();
  await rename.getByLabel('Pool name').fill('Research Lab');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(poolRow(page, 'Research Lab')).toBeVisible();

  await poolAction(page, 'Research Lab', 'Disable');
  await expect(poolRow(page, 'Research Lab')).toContainText('Disabled');
  await expect(page.getByText('Research Lab disabled.')).toBeVisible();

  await poolAction(page, 'Research Lab', 'Enable');
  await expect(poolRow(page, 'Research Lab')).toContainText('Active');

  await poolAction(page, 'Research Lab', 'Archive…');
  const confirm = page.getByRole('dialog', { name: 'Archive the Pool Research Lab?' });
  await expect(confirm).toContainText('This cannot be undone.');
  await screenshot(page, 'pools-archive-confirm-light');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(poolRow(page, 'Research Lab')).toContainText('Active');
  await poolAction(page, 'Research Lab', 'Archive…');
  await confirm.getByRole('button', { name: 'Archive Pool' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText('Every Pool is archived')).toBeVisible();
  await page.getByLabel('Show archived (1)').check();
  await expect(poolRow(page, 'Research Lab')).toContainText('Archived');
  await expect(page.getByRole('button', { name: 'Actions for Research Lab' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Audit log' }).click();
  const events = page.getByRole('table', { name: 'Audit log' }).getByRole('row');
  await expect(events.nth(1)).toContainText('Ada Lovelace archived the Pool Research Lab');
  await expect(events.nth(2)).toContainText('Ada Lovelace enabled the Pool Research Lab');
  await expect(events.nth(3)).toContainText('Ada Lovelace disabled the Pool Research Lab');
  await expect(events.nth(4)).toContainText('Ada Lovelace renamed the Pool Research to Research Lab');
  await expect(events.nth(5)).toContainText('Ada Lovelace created the Pool Research');

  await page.getByLabel('Action').click();
  await page.getByRole('option', { name: 'Pool created' }).click();
  await expect(events).toHaveCount(2);
  await expect(page).toHaveURL(/action=pool\.created/);
  await page.reload();
  await expect(events).toHaveCount(2);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(events).toHaveCount(7);
});

test('a bad Pool name shows its error and changes nothing', async ({ page, pooler }) => {
  await rpc(pooler, 'pools.create', { name: 'Research' });
  await openConsole(page, pooler, '/pools');
  await expect(poolRow(page, 'Research')).toBeVisible();
  const auditBefore = await rpc<{ entries: unknown[] }>(pooler, 'audit.list', {});

  await page.getByRole('button', { name: 'Create Pool' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create Pool' });
  const name = dialog.getByLabel('Pool name');
  const submit = dialog.getByRole('button', { name: 'Create Pool' });

  for (const [value, message] of [
    ['<script>alert(1)</script>', 'Pool name cannot contain < or >.'],
    ['x'.repeat(81), 'Pool name must be 80 characters or fewer.'],
    ['  RESEARCH ', 'A Pool named "Research" already exists.'],
    ['\u202eevil', 'Pool name cannot contain text-direction control characters.'],
  ]) {
    await name.fill(value!);
    await expect(dialog.getByText(message!)).toBeVisible();
    await expect(submit).toBeDisabled();
    await name.press('Enter');
  }
  await screenshot(page, 'pools-create-error-light');
  await name.fill('');
  await expect(dialog.getByText('Pool name is required.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // A Pool created elsewhere while the dialog is open reaches it live.
  await page.getByRole('button', { name: 'Create Pool' }).click();
  await dialog.getByLabel('Pool name').fill('Growth');
  await expect(submit).toBeEnabled();
  await rpc(pooler, 'pools.create', { name: 'growth' });
  await expect(dialog.getByText('A Pool named "growth" already exists.')).toBeVisible();
  await expect(submit).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // What the dialog cannot know comes back from the core and shows in place, input kept.
  const research = (await rpc<{ pools: { id: string; name: string }[] }>(pooler, 'pools.list', {})).pools.find(
    (p) => p.name === 'Research',
  )!;
  await poolAction(page, 'Research', 'Rename…');
  const rename = page.getByRole('dialog', { name: 'Rename Pool' });
  await rename.getByLabel('Pool name').fill('Research Lab');
  await rpc(pooler, 'pools.setStatus', { id: research.id, status: 'archived' });
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename.getByRole('alert')).toHaveText('The Pool "Research" is archived and can no longer be changed.');
  await expect(rename.getByLabel('Pool name')).toHaveValue('Research Lab');
  await screenshot(page, 'pools-rename-server-error-light');
  await rename.getByRole('button', { name: 'Cancel' }).click();

  const pools = await rpc<{ pools: { name: string }[] }>(pooler, 'pools.list', {});
  expect(pools.pools.map((p) => p.name)).toEqual(['growth', 'Research']);
  const auditAfter = await rpc<{ entries: unknown[] }>(pooler, 'audit.list', {});
  expect(auditAfter.entries).toHaveLength(auditBefore.entries.length + 2);
});

test('a second window sees changes live, without a reload', async ({ page, context, pooler }) => {
  await openConsole(page, pooler, '/pools');
  const other = await context.newPage();
  await other.goto(`${pooler.url}#/audit`);
  await expect(other.getByText('Nothing has happened yet')).toHaveCount(0);

  await page.getByRole('button', { name: 'Create Pool' }).click();
  await page.getByRole('dialog').getByLabel('Pool name').fill('Live Pool');
  await page.getByRole('dialog').getByRole('button', { name: 'Create Pool' }).click();
  await expect(other.getByRole('table', { name: 'Audit log' })).toContainText(
    'Ada Lovelace created the Pool Live Pool',
  );

  await other.getByRole('link', { name: 'Pools' }).click();
  await rpc(pooler, 'pools.create', { name: 'From elsewhere' });
  await expect(poolRow(other, 'From elsewhere')).toBeVisible();
  await expect(poolRow(page, 'From elsewhere')).toBeVisible();
});
