import { useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { InviteFilters, PoolerApi } from '../../../shared/contract';
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

const ApiContext = createContext<{ api: PoolerApi; transport: Transport } | null>(null);

/** Provides the API and keeps cached queries fresh by invalidating them on core events. */
export function ApiProvider({ api, transport, children }: { api: PoolerApi; transport: Transport; children: ReactNode }) {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      transport.subscribe(
        (event) => {
          for (const queryKey of keysForEvent(event)) void queryClient.invalidateQueries({ queryKey });
          if (event.name === 'invites.changed') {
            refreshInvite(api, queryClient, event.payload.inviteId).catch(() =>
              queryClient.invalidateQueries({ queryKey: queryKeys.inviteLists }),
            );
          }
        },
        () => void queryClient.invalidateQueries(),
      ),
    [api, transport, queryClient],
  );
  const value = useMemo(() => ({ api, transport }), [api, transport]);
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

/** For what differs between the shells beyond calls, such as how an export is saved. */
export function useTransport(): Transport {
  return useApiContext().transport;
}
