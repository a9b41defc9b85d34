import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useQuery,
  type QueryClient,
} from '@tanstack/react-query';
import type { InputOf, PoolerApi } from '../../../shared/contract';
import { AUDIT_PAGE_MAX } from '../../../shared/contract/audit';
import { useApi } from './ApiProvider';
import type { FirstReads } from './first-reads';
import { queryKeys, type AuditFilters } from './query-keys';

const AUDIT_PAGE_SIZE = 50;

/** A read already on its way, handed over once: a retry or a later refetch reads afresh. */
type Take<K extends keyof FirstReads> = () => FirstReads[K] | undefined;
function once<T>(read: T): () => T | undefined {
  let left: T | undefined = read;
  return () => {
    const taken = left;
    left = undefined;
    return taken;
  };
}

/**
 * Every query the pages read, as option factories: the one place where keys meet fetchers.
 * Nothing here refetches on a timer or on focus: core events invalidate what changed.
 */
const queries = {
  // The base reads take an optional answer already on its way (see first-reads.ts).
  appStatus: (api: PoolerApi, read?: Take<'appStatus'>) =>
    queryOptions({ queryKey: queryKeys.appStatus, queryFn: () => read?.() ?? api.app.status({}) }),
  settings: (api: PoolerApi, read?: Take<'settings'>) =>
    queryOptions({ queryKey: queryKeys.settings, queryFn: () => read?.() ?? api.settings.get({}) }),
  pools: (api: PoolerApi, read?: Take<'pools'>) =>
    queryOptions({ queryKey: queryKeys.pools, queryFn: async () => (await (read?.() ?? api.pools.list({}))).pools }),
  team: (api: PoolerApi, read?: Take<'team'>) =>
    queryOptions({ queryKey: queryKeys.team, queryFn: () => read?.() ?? api.team.status({}) }),
  onboarding: (api: PoolerApi, read?: Take<'onboarding'>) =>
    queryOptions({ queryKey: queryKeys.onboarding, queryFn: () => read?.() ?? api.onboarding.get({}) }),
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

/** Hands the reads started before the console's code loaded to their queries: none is made twice. */
export function takeFirstReads(queryClient: QueryClient, api: PoolerApi, first: FirstReads): void {
  void queryClient.prefetchQuery(queries.appStatus(api, once(first.appStatus)));
  void queryClient.prefetchQuery(queries.settings(api, once(first.settings)));
  void queryClient.prefetchQuery(queries.pools(api, once(first.pools)));
  void queryClient.prefetchQuery(queries.onboarding(api, once(first.onboarding)));
  void queryClient.prefetchQuery(queries.team(api, once(first.team)));
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
