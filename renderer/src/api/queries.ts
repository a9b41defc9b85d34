import { queryOptions, useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
import type { AuditAction, PoolerApi } from '../../../shared/contract';
import { useApi } from './ApiProvider';
import { queryKeys } from './query-keys';

const baseQueries = (api: PoolerApi) => ({
  appStatus: queryOptions({ queryKey: queryKeys.appStatus, queryFn: () => api.app.status({}) }),
  settings: queryOptions({ queryKey: queryKeys.settings, queryFn: () => api.settings.get({}) }),
  pools: queryOptions({ queryKey: queryKeys.pools, queryFn: async () => (await api.pools.list({})).pools }),
});

/** Starts the queries every page needs at once, instead of one after another as components mount. */
export function prefetchBaseQueries(queryClient: QueryClient, api: PoolerApi): void {
  const queries = baseQueries(api);
  void queryClient.prefetchQuery(queries.appStatus);
  void queryClient.prefetchQuery(queries.settings);
  void queryClient.prefetchQuery(queries.pools);
}

export function useAppStatus() {
  return useQuery(baseQueries(useApi()).appStatus);
}

export function useSettings() {
  return useQuery(baseQueries(useApi()).settings);
}

export function useOnboardingSettings() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.onboarding, queryFn: () => api.onboarding.get({}) });
}

export function usePools() {
  return useQuery(baseQueries(useApi()).pools);
}

export interface AuditFilters {
  action?: AuditAction | undefined;
  poolId?: string | undefined;
}

export const AUDIT_PAGE_SIZE = 50;

export function useAuditLog(filters: AuditFilters) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: [...queryKeys.audit, filters],
    queryFn: ({ pageParam }) =>
      api.audit.list({ ...filters, limit: AUDIT_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
