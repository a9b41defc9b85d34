import { expect, rpc, screenshot, seedPool, test } from './fixtures';

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
  test(`every page renders empty in ${scheme} mode`, async ({ page, app }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await app.open('/invites');
    for (const { path, heading } of PAGES) {
      await app.goTo(path);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(page).toHaveTitle(`${heading} — Pooler Console`);
      // The main navigation marks the page shown, for screen readers as for the eye.
      const nav = page.getByRole('navigation', { name: 'Main' });
      await expect(nav.getByRole('link', { name: heading })).toHaveAttribute('aria-current', 'page');
      for (const other of PAGES.filter((one) => one.heading !== heading))
        await expect(nav.getByRole('link', { name: other.heading })).not.toHaveAttribute('aria-current', 'page');
      await screenshot(page, `${path.slice(1)}-empty-${scheme}`);
    }
    // The shell draws its icons inline: one given as an image (an <img>, a CSS mask or
    // background) costs Chromium a document of its own on the first page after a start.
    const icons = await page.evaluate(() => ({
      inline: document.querySelectorAll('nav[aria-label="Main"] a svg path').length,
      images: [...document.querySelectorAll('.app-shell-side *')].filter((element) => {
        const style = getComputedStyle(element);
        return element.tagName === 'IMG' || style.maskImage !== 'none' || style.backgroundImage !== 'none';
      }).length,
    }));
    expect(icons).toEqual({ inline: PAGES.length, images: 0 });
  });

  test(`every page renders full in ${scheme} mode`, async ({ page, app, pooler }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const names = ['Research', 'Growth experiments', 'Support escalations', 'Платформа', 'Legacy accounts'];
    const ids: string[] = [];
    for (const name of names) ids.push(await seedPool(pooler, name));
    const [research = '', growth = '', support = '', , legacy = ''] = ids;
    await rpc(pooler, 'pools.rename', { id: research, name: 'Research Lab' });
    await rpc(pooler, 'pools.setStatus', { id: support, status: 'disabled' });
    const emails = [
      'ada.k@research.example',
      'grace.h@navy.example',
      'linus.t@kernel.example',
      'margaret.h@apollo.example',
      'katherine.j@nasa.example',
    ];
    const expiries = ['1h', '24h', '7d', '30d', '1h'] as const;
    const poolOf = [research, growth, research, growth, research];
    for (const [i, email] of emails.entries()) {
      await rpc(pooler, 'invites.create', {
        poolId: poolOf[i] ?? research,
        email,
        expiry: expiries[i] ?? '24h',
        sendEmail: false,
      });
    }
    const { invites } = await rpc(pooler, 'invites.list', {});
    await rpc(pooler, 'invites.revoke', { id: invites[1]?.id ?? '' });
    await rpc(pooler, 'pools.setStatus', { id: legacy, status: 'archived' });

    const list = await app.open('/invites');
    await expect(list.createButton).toBeEnabled();
    await expect(list.rows).toHaveCount(5);
    for (const { path, heading } of PAGES) {
      await app.goTo(path);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await screenshot(page, `${path.slice(1)}-full-${scheme}`);
    }
  });
}
