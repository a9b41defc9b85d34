import { expect, openConsole, rpc, screenshot, test } from './fixtures';

const PAGES = [
  { path: '/invites', heading: 'Invites' },
  { path: '/pools', heading: 'Pools' },
  { path: '/upstreams', heading: 'Upstreams' },
  { path: '/audit', heading: 'Audit log' },
  { path: '/settings', heading: 'Settings' },
] as const;

// Full-page screenshots are CPU work (layout, raster, PNG encoding): empty and full are separate
// tests, so each stays well inside the test budget on a busy machine.
for (const scheme of ['light', 'dark'] as const) {
  test(`every page renders empty in ${scheme} mode`, async ({ page, pooler }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openConsole(page, pooler);
    for (const { path, heading } of PAGES) {
      await page.goto(`${pooler.origin}/#${path}`);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(page).toHaveTitle(`${heading} — Pooler Console`);
      await screenshot(page, `${path.slice(1)}-empty-${scheme}`);
    }
  });

  test(`every page renders full in ${scheme} mode`, async ({ page, pooler }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openConsole(page, pooler);
    const names = ['Research', 'Growth experiments', 'Support escalations', 'Платформа', 'Legacy accounts'];
    const ids: string[] = [];
    for (const name of names) ids.push((await rpc<{ id: string }>(pooler, 'pools.create', { name })).id);
    await rpc(pooler, 'pools.rename', { id: ids[0], name: 'Research Lab' });
    await rpc(pooler, 'pools.setStatus', { id: ids[2], status: 'disabled' });
    const emails = [
      'ada.k@research.example',
      'grace.h@navy.example',
      'linus.t@kernel.example',
      'margaret.h@apollo.example',
      'katherine.j@nasa.example',
    ];
    for (const [i, email] of emails.entries()) {
      await rpc(pooler, 'invites.create', {
        poolId: ids[i % 2],
        email,
        expiry: (['1h', '24h', '7d', '30d'] as const)[i % 4],
        sendEmail: false,
      });
    }
    const { invites } = await rpc<{ invites: { id: string }[] }>(pooler, 'invites.list', {});
    await rpc(pooler, 'invites.revoke', { id: invites[1]!.id });
    await rpc(pooler, 'pools.setStatus', { id: ids[4], status: 'archived' });

    for (const { path, heading } of PAGES) {
      await page.goto(`${pooler.origin}/#${path}`);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      if (path === '/invites') {
        await expect(page.getByRole('button', { name: 'Create Pool invite' })).toBeEnabled();
        await expect(page.getByRole('table', { name: 'Invites' }).locator('tbody tr[data-invite-id]')).toHaveCount(5);
      }
      await screenshot(page, `${path.slice(1)}-full-${scheme}`);
    }
  });
}
