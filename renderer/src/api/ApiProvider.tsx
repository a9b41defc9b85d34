import { useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { InviteFilters, PoolerApi, PoolerEvent } from '../../../shared/contract';
import { patchInvitePages, type InvitePage } from './invite-pages';
import { keysForEvent, queryKeys } from './query-keys';
import type { Transport } from './transport';

/** Fetches one changed invite and patches it into every list and detail view that holds it. */
async function refreshInvite(api: PoolerApi, queryClient: QueryClient, id: string) {
  const row = await api.invites.get({ id });
  const now = Date.now();
  for (const query of queryClient.getQueryCache().findAll({ queryKey: queryKeys.inviteLists })) {
    const filters = query.queryKey[2] as InviteFilters;
    queryClient.setQueryData<InfiniteData<InvitePage, number>>(query.queryKey, (data) =>
      data ? patchInvitePages(data, row, filters, now) : data,
    );
  }
  void queryClient.invalidateQueries({ queryKey: queryKeys.invite(id) });
}

type EventListener = (event: PoolerEvent) => void;

/** How long upstream changes are gathered before the list is fetched again. */
const UPSTREAMS_COALESCE_MS = 300;
const ApiContext = createContext<{ api: PoolerApi; transport: Transport; listeners: Set<EventListener> } | null>(null);

/** Provides the API and keeps cached queries fresh by invalidating them on core events. */
export function ApiProvider({
  api,
  transport,
  children,
}: {
  api: PoolerApi;
  transport: Transport;
  children: ReactNode;
}) {
  const queryClient = useQueryClient();
  // One subscription to the transport for the whole app; components listen through this set.
  const [listeners] = useState(() => new Set<EventListener>());
  useEffect(() => {
    // One refetch per burst of upstream changes (a sweep of a thousand accounts), not one each.
    let upstreamsTimer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = transport.subscribe(
      (event) => {
        for (const queryKey of keysForEvent(event)) void queryClient.invalidateQueries({ queryKey });
        if (event.name === 'upstreams.changed' && !upstreamsTimer) {
          upstreamsTimer = setTimeout(() => {
            upstreamsTimer = null;
            void queryClient.invalidateQueries({ queryKey: queryKeys.upstreams });
          }, UPSTREAMS_COALESCE_MS);
        }
        for (const listener of listeners) listener(event);
        if (event.name === 'invites.changed') {
          refreshInvite(api, queryClient, event.payload.inviteId).catch(() =>
            queryClient.invalidateQueries({ queryKey: queryKeys.inviteLists }),
          );
        }
      },
      // Inactive queries too: one still being prefetched from before the stream opened would
      // otherwise land with data older than what the stream missed, and not be marked stale.
      () => void queryClient.invalidateQueries({ refetchType: 'all' }),
    );
    return () => {
      unsubscribe();
      if (upstreamsTimer) clearTimeout(upstreamsTimer);
    };
  }, [api, transport, queryClient, listeners]);
  const value = useMemo(() => ({ api, transport, listeners }), [api, transport, listeners]);
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

function useApiContext() {
  const value = useContext(ApiContext);
  if (!value) throw new Error('useApi must be used inside ApiProvider');
  return value;
}

export function useApi(): PoolerApi {
  return useApiContext().api;
}

/** Calls `listener` for every core event while the component is mounted. */
export function useCoreEvents(listener: EventListener): void {
  const { listeners } = useApiContext();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => {
    const forward: EventListener = (event) => latest.current(event);
    listeners.add(forward);
    return () => {
      listeners.delete(forward);
    };
  }, [listeners]);
}

/** Where the shell can sign in another browser (the browser console), or undefined (the desktop app). */
export function useSignInLink(): Transport['signInLink'] {
  const { transport } = useApiContext();
  return transport.signInLink?.bind(transport);
}

export function useConnectsToTeams(): boolean {
  return useApiContext().transport.connectsToTeams === true;
}

export function useSignOut(): Transport['signOut'] {
  const { transport } = useApiContext();
  return transport.signOut?.bind(transport);
}
