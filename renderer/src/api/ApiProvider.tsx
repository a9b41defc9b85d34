import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import type { PoolerApi } from '../../../shared/contract';
import { keysForEvent } from './query-keys';
import type { Transport } from './transport';

const ApiContext = createContext<PoolerApi | null>(null);

/** Provides the API and keeps cached queries fresh by invalidating them on core events. */
export function ApiProvider({ api, transport, children }: { api: PoolerApi; transport: Transport; children: ReactNode }) {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      transport.subscribe(
        (event) => {
          for (const queryKey of keysForEvent(event)) void queryClient.invalidateQueries({ queryKey });
        },
        () => void queryClient.invalidateQueries(),
      ),
    [transport, queryClient],
  );
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): PoolerApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi must be used inside ApiProvider');
  return api;
}
