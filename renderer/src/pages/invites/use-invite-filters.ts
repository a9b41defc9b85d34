import { useEffect, useMemo, useState } from 'react';
import type { InviteFilters, Pool } from '../../../../shared/contract';
import { inviteSearch } from '../../../../shared/contract/invites';
import { useCall } from '../../api/mutations';
import { usePrefetchInviteList } from '../../api/use-invite-list';

const SAVE_DEBOUNCE_MS = 500;

/** The filters with unset ones left out, as the list's query key holds them. */
function withoutEmpty(filters: InviteFilters): InviteFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '')) as InviteFilters;
}

/**
 * The Invites page's filters: restored from settings at start, saved back as they change (so
 * they survive restarts). The search applies as it is typed (the email index answers each
 * keystroke in milliseconds); text the search field refuses leaves the last valid search.
 */
export function useInviteFilters(saved: InviteFilters, pools: Pool[] | undefined) {
  const prefetchInviteList = usePrefetchInviteList();
  const { mutate: saveFilters } = useCall('settings.updateInviteFilters');
  const [selection, setSelection] = useState<Omit<InviteFilters, 'search'>>({
    poolId: saved.poolId,
    status: saved.status,
    kind: saved.kind,
  });
  const [searchText, setText] = useState(saved.search ?? '');
  const [search, setSearch] = useState(saved.search ?? '');
  const searchError = inviteSearch.safeParse(searchText).error?.issues[0]?.message ?? null;
  const setSearchText = (text: string) => {
    setText(text);
    if (inviteSearch.safeParse(text).success) setSearch(text.trim());
  };

  // A saved Pool that has since gone from the list no longer filters anything.
  const poolId =
    pools && selection.poolId && !pools.some((p) => p.id === selection.poolId) ? undefined : selection.poolId;
  const filters = useMemo<InviteFilters>(
    () => ({
      ...(poolId ? { poolId } : {}),
      ...(selection.status ? { status: selection.status } : {}),
      ...(selection.kind ? { kind: selection.kind } : {}),
      ...(search ? { search: search.toLowerCase() } : {}),
    }),
    [poolId, selection.status, selection.kind, search],
  );

  useEffect(() => {
    // A failed save only means the next start shows other filters: nothing to tell the operator.
    const timer = setTimeout(() => saveFilters({ filters }), SAVE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [saveFilters, filters]);

  return {
    filters,
    searchText,
    searchError,
    setSearchText,
    setPool: (id: string) => {
      prefetchInviteList(withoutEmpty({ ...filters, poolId: id || undefined }));
      setSelection((s) => ({ ...s, poolId: id || undefined }));
    },
    setStatus: (status: InviteFilters['status'] | '') => {
      prefetchInviteList(withoutEmpty({ ...filters, status: status || undefined }));
      setSelection((s) => ({ ...s, status: status || undefined }));
    },
    setKind: (kind: InviteFilters['kind'] | '') => {
      prefetchInviteList(withoutEmpty({ ...filters, kind: kind || undefined }));
      setSelection((s) => ({ ...s, kind: kind || undefined }));
    },
    clear: () => {
      setSelection({});
      setSearchText('');
    },
  };
}

export type InviteFilterState = ReturnType<typeof useInviteFilters>;
