import type { AuditAction, EventName, InputOf, InviteFilters, PoolerEvent } from '../../../shared/contract';

export interface AuditFilters {
  action?: AuditAction | undefined;
  poolId?: string | undefined;
}

/** Every cached query's key. Pages never build keys of their own: they use the factories in queries.ts. */
export const queryKeys = {
  appStatus: ['app', 'status'] as const,
  settings: ['settings'] as const,
  smtp: ['smtp'] as const,
  pools: ['pools'] as const,
  audit: ['audit'] as const,
  auditLog: (filters: AuditFilters) => ['audit', 'log', filters] as const,
  inviteTimeline: (inviteId: string) => ['audit', 'invite', inviteId] as const,
  inviteLists: ['invites', 'list'] as const,
  inviteList: (filters: InviteFilters) => ['invites', 'list', filters] as const,
  invite: (id: string) => ['invites', 'one', id] as const,
  upstreams: ['upstreams'] as const,
  upstreamList: (filters: InputOf<'upstreams.list'>) => ['upstreams', filters] as const,
  onboarding: ['onboarding'] as const,
  team: ['team'] as const,
};

// Invites are patched row by row (see invite-pages.ts); Pool changes also rename Pools in
// invite rows and in the upstreams' Pool chips.
const INVALIDATES: Record<EventName, readonly (readonly string[])[]> = {
  'pools.changed': [queryKeys.pools, queryKeys.inviteLists, queryKeys.upstreams],
  'audit.appended': [queryKeys.audit],
  'settings.changed': [queryKeys.settings, queryKeys.smtp],
  'invites.changed': [],
  'invites.accepted': [],
  // Coalesced in ApiProvider: a quota sweep changes every account within seconds.
  'upstreams.changed': [],
  'upstreams.relink': [],
  // Shown, not stored: nothing to reload.
  'alerts.raised': [],
  // Settings → System shows the listener's effective host and public URL too.
  'onboarding.changed': [queryKeys.onboarding, queryKeys.settings],
  'onboarding.reach': [queryKeys.onboarding],
  // The console now reads another store (or the same one again): every query, from scratch.
  'team.changed': [[]],
};

/** Which cached queries an event makes stale. */
export function keysForEvent(event: PoolerEvent): readonly (readonly string[])[] {
  return INVALIDATES[event.name];
}
