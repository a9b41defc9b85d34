import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useQuery,
  type QueryClient,
} from '@tanstack/react-query';
import { AUDIT_PAGE_MAX, type InputOf, type PoolerApi } from '../../../shared/contract';
import { useApi } from './ApiProvider';
import { queryKeys, type AuditFilters } from './query-keys';

const AUDIT_PAGE_SIZE = 50;

/**
 * Every query the pages read, as option factories: the one place where keys meet fetchers.
 * Nothing here refetches on a timer or on focus: core events invalidate what changed.
 */
const queries = {
  appStatus: (api: PoolerApi) => queryOptions({ queryKey: queryKeys.appStatus, queryFn: () => api.app.status({}) }),
  settings: (api: PoolerApi) => queryOptions({ queryKey: queryKeys.settings, queryFn: () => api.settings.get({}) }),
  pools: (api: PoolerApi) =>
    queryOptions({ queryKey: queryKeys.pools, queryFn: async () => (await api.pools.list({})).pools }),
  team: (api: PoolerApi) => queryOptions({ queryKey: queryKeys.team, queryFn: () => api.team.status({}) }),
  onboarding: (api: PoolerApi) =>
    queryOptions({ queryKey: queryKeys.onboarding, queryFn: () => api.onboarding.get({}) }),
  smtp: (api: PoolerApi) => queryOptions({ queryKey: queryKeys.smtp, queryFn: () => api.smtp.get({}) }),
  invite: (api: PoolerApi, id: string) =>
    queryOptions({ queryKey: queryKeys.invite(id), queryFn: () => api.invites.retrieve({ id }) }),
  inviteTimeline: (api: PoolerApi, inviteId: string) =>
    queryOptions({
      queryKey: queryKeys.inviteTimeline(inviteId),
      queryFn: () => api.audit.list({ inviteId, limit: AUDIT_PAGE_MAX }),
    }),
  upstreams: (api: PoolerApi, filters: InputOf<'upstreams.list'>) =>
    queryOptions({
      queryKey: queryKeys.upstreamList(filters),
      queryFn: async () => (await api.upstreams.list(filters)).upstreams,
    }),
  auditLog: (api: PoolerApi, filters: AuditFilters) =>
    infiniteQueryOptions({
      queryKey: queryKeys.auditLog(filters),
      queryFn: ({ pageParam }) =>
        api.audit.list({ ...filters, limit: AUDIT_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) }),
      initialPageParam: 0,
      getNextPageParam: (last) => last.nextCursor ?? undefined,
    }),
};

/** Starts the queries every page needs at once, instead of one after another as components mount. */
export function prefetchBaseQueries(queryClient: QueryClient, api: PoolerApi): void {
  void queryClient.prefetchQuery(queries.appStatus(api));
  void queryClient.prefetchQuery(queries.settings(api));
  void queryClient.prefetchQuery(queries.pools(api));
  // The shell's reach line reads it on every page.
  void queryClient.prefetchQuery(queries.onboarding(api));
}

export const useAppStatus = () => useQuery(queries.appStatus(useApi()));
export const useSettings = () => useQuery(queries.settings(useApi()));
export const useTeamStatus = () => useQuery(queries.team(useApi()));
export const usePools = () => useQuery(queries.pools(useApi()));
export const useOnboardingSettings = () => useQuery(queries.onboarding(useApi()));
export const useSmtpSettings = () => useQuery(queries.smtp(useApi()));
export const useAuditLog = (filters: AuditFilters) => useInfiniteQuery(queries.auditLog(useApi(), filters));

/** An invite's facts and timeline, while its details drawer is open (`id` null: closed). */
export function useInviteDetails(id: string | null) {
  const api = useApi();
  const invite = useQuery({ ...queries.invite(api, id ?? ''), enabled: id !== null });
  const timeline = useQuery({ ...queries.inviteTimeline(api, id ?? ''), enabled: id !== null });
  return { invite, timeline };
}

/** The Upstreams page's rows; a filter change keeps showing the previous rows until its own arrive. */
export function useUpstreamList(filters: InputOf<'upstreams.list'>) {
  return useQuery({ ...queries.upstreams(useApi(), filters), placeholderData: keepPreviousData });
}
