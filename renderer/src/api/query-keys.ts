import type { EventName, PoolerEvent } from '../../../shared/contract';

export const queryKeys = {
  appStatus: ['app', 'status'] as const,
  settings: ['settings'] as const,
  pools: ['pools'] as const,
  audit: ['audit'] as const,
};

const INVALIDATES: Record<EventName, readonly (readonly string[])[]> = {
  'pools.changed': [queryKeys.pools],
  'audit.appended': [queryKeys.audit],
  'settings.changed': [queryKeys.settings],
};

/** Which cached queries an event makes stale. */
export function keysForEvent(event: PoolerEvent): readonly (readonly string[])[] {
  return INVALIDATES[event.name];
}
