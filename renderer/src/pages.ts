import type { ComponentType } from 'react';

/**
 * Each page is its own chunk, fetched when first visited: a cold start parses only the shell and
 * the page it opens on. The entry asks for that page's chunk at once (`loadOpeningPage`), beside
 * the shell's code, rather than once the router has been made.
 */
export const PAGES = {
  invites: async () => ({ Page: (await import('./pages/InvitesPage')).InvitesPage }),
  pools: async () => ({ Page: (await import('./pages/PoolsPage')).PoolsPage }),
  upstreams: async () => ({ Page: (await import('./pages/UpstreamsPage')).UpstreamsPage }),
  audit: async () => ({ Page: (await import('./pages/AuditPage')).AuditPage }),
  settings: async () => ({ Page: (await import('./pages/SettingsPage')).SettingsPage }),
} satisfies Record<string, () => Promise<{ Page: ComponentType }>>;

/** The page the address opens on (`#/pools/…` → pools; anything else lands on Invites). */
export function loadOpeningPage(hash: string): void {
  const name = /^#\/([a-z]+)/.exec(hash)?.[1] ?? '';
  void (Object.hasOwn(PAGES, name) ? PAGES[name as keyof typeof PAGES] : PAGES.invites)();
}
