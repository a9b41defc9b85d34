import type { ComponentType } from 'react';

/**
 * Each page is loaded when first visited: a cold start evaluates only the shell and the page it
 * opens on (the Invites and Pools pages come in the console's own chunk, the others in chunks of
 * their own: scripts/renderer-chunks.ts). The entry asks for the opening page at once
 * (`loadOpeningPage`), beside the shell's code, and the router is made with it already there.
 */
export const PAGES = {
  invites: async () => ({ Page: (await import('./pages/InvitesPage')).InvitesPage }),
  pools: async () => ({ Page: (await import('./pages/PoolsPage')).PoolsPage }),
  upstreams: async () => ({ Page: (await import('./pages/UpstreamsPage')).UpstreamsPage }),
  audit: async () => ({ Page: (await import('./pages/AuditPage')).AuditPage }),
  settings: async () => ({ Page: (await import('./pages/SettingsPage')).SettingsPage }),
} satisfies Record<string, () => Promise<{ Page: ComponentType }>>;

export type PageName = keyof typeof PAGES;

export interface OpeningPage {
  name: PageName;
  Page: ComponentType;
}

/**
 * The page the address opens on (`#/pools…` → pools; anything else lands on Invites), loaded.
 * Null if its chunk could not be loaded: the router then loads it as it loads any other page, and
 * shows the failure where the page would be.
 */
export async function loadOpeningPage(hash: string): Promise<OpeningPage | null> {
  const match = /^#\/([a-z]+)/.exec(hash)?.[1] ?? '';
  const name = Object.hasOwn(PAGES, match) ? (match as PageName) : 'invites';
  try {
    return { name, Page: (await PAGES[name]()).Page };
  } catch {
    return null;
  }
}
