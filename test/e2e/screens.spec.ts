import { expect, openConsole, rpc, screenshot, test } from './fixtures';

const PAGES = [
  { path: '/invites', heading: 'Invites' },
  { path: '/pools', heading: 'Pools' },
  { path: '/upstreams', heading: 'Upstreams' },
  { path: '/audit', heading: 'Audit log' },
  { path: '/settings', heading: 'Settings' },
] as const;

for (const scheme of ['light', 'dark'] as const) {
  test(`every page renders empty and full in ${scheme} mode`, async ({ page, console }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openConsole(page, console);
    for (const { path, heading } of PAGES) {
      await page.goto(`${console.origin}/#${path}`);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(page).toHaveTitle(`${heading} — Pooler Console`);
      await screenshot(page, `${path.slice(1)}-empty-${scheme}`);
    }

    const names = ['Research', 'Growth experiments', 'Support escalations', 'Платформа', 'Legacy accounts'];
    const ids: string[] = [];
    for (const name of names) ids.push((await rpc<{ id: string }>(console, 'pools.create', { name })).id);
    await rpc(console, 'pools.rename', { id: ids[0], name: 'Research Lab' });
    await rpc(console, 'pools.setStatus', { id: ids[2], status: 'disabled' });
    await rpc(console, 'pools.setStatus', { id: ids[4], status: 'archived' });

    for (const { path, heading } of PAGES) {
      await page.goto(`${console.origin}/#${path}`);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await screenshot(page, `${path.slice(1)}-full-${scheme}`);
    }
  });
}
