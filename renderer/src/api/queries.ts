import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { AuditAction } from '../../../shared/contract';
import { useApi } from './ApiProvider';
import { queryKeys } from './query-keys';

export function useAppStatus() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.appStatus, queryFn: () => api.app.status({}) });
}

export function useSettings() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.settings, queryFn: () => api.settings.get({}) });
}

export function usePools() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.pools, queryFn: async () => (await api.pools.list({})).pools });
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
