import type { InfiniteData } from '@tanstack/react-query';
import type { InviteFilters, InviteRow } from '../../../shared/contract';
import { matchesInviteFilters } from '../../../shared/invites/matches-filters';

export interface InvitePage {
  invites: InviteRow[];
  nextCursor: number | null;
}

/**
 * Applies one changed invite to the pages a list already holds, without refetching them:
 * replaced where it is, dropped if it no longer matches the filters, or inserted in newest-first
 * order if it now matches and falls within what has been loaded.
 */
export function patchInvitePages(
  data: InfiniteData<InvitePage, number>,
  row: InviteRow,
  filters: InviteFilters,
  now: number,
): InfiniteData<InvitePage, number> {
  const matches = matchesInviteFilters(row, filters, now);
  let found = false;
  const pages = data.pages.map((page) => {
    const index = page.invites.findIndex((i) => i.id === row.id);
    if (index === -1) return page;
    found = true;
    const invites = [...page.invites];
    if (matches) invites[index] = row;
    else invites.splice(index, 1);
    return { ...page, invites };
  });
  if (found || !matches) return { ...data, pages };

  // Not loaded yet: place it among the loaded rows by creation time, unless it is older than
  // everything loaded so far and more pages remain (scrolling will reach it).
  const last = pages.at(-1);
  for (const [p, page] of pages.entries()) {
    const at = page.invites.findIndex((i) => i.createdAt < row.createdAt);
    const fitsHere = at !== -1 || (p === pages.length - 1 && last?.nextCursor === null);
    if (!fitsHere) continue;
    const invites = [...page.invites];
    invites.splice(at === -1 ? invites.length : at, 0, row);
    pages[p] = { ...page, invites };
    return { ...data, pages };
  }
  if (pages.length === 0 || pages.every((page) => page.invites.length === 0)) {
    pages[0] = { invites: [row], nextCursor: pages[0]?.nextCursor ?? null };
  }
  return { ...data, pages };
}
