import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { InviteFilters, InviteRow, PoolerApi } from '../../../shared/contract';
import { matchesInviteFilters } from '../../../shared/invites/matches-filters';
import { useApi } from './ApiProvider';
import type { InvitePage } from './invite-pages';
import { queryKeys } from './query-keys';

const INVITE_PAGE_SIZE = 100;

function inviteListOptions(api: PoolerApi, filters: InviteFilters) {
  return infiniteQueryOptions({
    queryKey: queryKeys.inviteList(filters),
    queryFn: async ({ pageParam, signal }): Promise<InvitePage> => {
      const list = (cursor: number) =>
        api.invites.list({ ...filters, limit: INVITE_PAGE_SIZE, ...(cursor ? { cursor } : {}) });
      let page = await list(pageParam);
      // A search call covers a bounded stretch of history and may find nothing in it: carry on
      // until rows turn up or history ends, so a page the table receives is never empty midway.
      while (page.invites.length === 0 && page.nextCursor !== null && !signal.aborted)
        page = await list(page.nextCursor);
      return page;
    },
    initialPageParam: 0,
    getNextPageParam: (last: InvitePage) => last.nextCursor ?? undefined,
  });
}

/**
 * Starts loading a filter set's first page at once, from the event that chose it, rather than
 * after React has rendered the change; the list then picks up the request already in flight.
 */
export function usePrefetchInviteList(): (filters: InviteFilters) => void {
  const api = useApi();
  const queryClient = useQueryClient();
  return useCallback(
    (filters) => void queryClient.prefetchInfiniteQuery(inviteListOptions(api, filters)),
    [api, queryClient],
  );
}

/**
 * The invites table's data: keyset pages, newest first, loaded as the operator scrolls. Rows are
 * re-checked against the filters at `now`, so an invite that expires on screen leaves an
 * "Active" view without a round trip.
 */
export function useInviteList(filters: InviteFilters, now: number) {
  const api = useApi();
  const query = useInfiniteQuery({
    ...inviteListOptions(api, filters),
    // While a new filter's first page loads, keep showing the old rows (narrowed by the new
    // filters below) rather than blanking the table.
    placeholderData: keepPreviousData,
  });
  const rows = useMemo(() => {
    const seen = new Set<string>();
    const out: InviteRow[] = [];
    for (const page of query.data?.pages ?? []) {
      for (const row of page.invites) {
        // A live insert can meet the same row arriving later in a page: keep the first.
        if (seen.has(row.id) || !matchesInviteFilters(row, filters, now)) continue;
        seen.add(row.id);
        out.push(row);
      }
    }
    return out;
  }, [query.data, filters, now]);
  return { ...query, rows };
}
