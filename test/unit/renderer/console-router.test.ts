import { createMemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
// The renderer's pages read the desktop bridge's global, which the renderer program declares.
import type {} from '../../../renderer/src/window';
import { consoleRoutes } from '../../../renderer/src/console-router';
import { loadOpeningPage, PAGES } from '../../../renderer/src/pages';

const Pools = () => null;

describe('the console router', () => {
  it('starts with nothing left to load when the page it opens on comes loaded', () => {
    const router = createMemoryRouter(consoleRoutes({ name: 'pools', Page: Pools }), { initialEntries: ['/pools'] });
    expect(router.state.initialized).toBe(true);
    expect((router.state.matches.at(-1)?.route.element as { type?: unknown } | undefined)?.type).toBe(Pools);
  });

  it('loads a page it was not given when that page is opened (the check can fail)', () => {
    const router = createMemoryRouter(consoleRoutes({ name: 'pools', Page: Pools }), { initialEntries: ['/audit'] });
    expect(router.state.initialized).toBe(false);
  });
});

describe('the page a tab opens on', () => {
  it.each([
    ['#/pools', 'pools'],
    ['#/settings?tab=smtp', 'settings'],
    ['#/nowhere', 'invites'],
    ['', 'invites'],
  ])('is loaded from the address %j: %s', async (hash, name) => {
    const opening = await loadOpeningPage(hash);
    expect(opening?.name).toBe(name);
    expect(opening?.Page).toBe((await PAGES[name as keyof typeof PAGES]()).Page);
  });
});
