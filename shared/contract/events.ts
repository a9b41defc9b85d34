import { z } from 'zod';
import { raisedAlertSchema } from './alerts';
import { INVITE_KINDS } from './invites';
import { reachabilitySchema, tunnelStateSchema } from './reach';
import { teamStatusSchema } from './team';
import { relinkStateSchema } from './upstreams';

/** Events the core pushes to every connected console (Electron IPC or browser SSE). */
export const eventSchemas = {
  'pools.changed': z.object({ poolId: z.string() }),
  'audit.appended': z.object({ id: z.number().int() }),
  'settings.changed': z.object({}),
  'invites.changed': z.object({ inviteId: z.string(), poolId: z.string() }),
  /** An invitee connected their account: worth telling the operator about. */
  'invites.accepted': z.object({
    inviteId: z.string(),
    /** `relink`: an owner restored an account the Pool already had. */
    kind: z.enum(INVITE_KINDS),
    /** The account it linked or restored. */
    upstreamId: z.string(),
    email: z.string(),
    poolName: z.string(),
  }),
  'upstreams.changed': z.object({ upstreamId: z.string() }),
  /** An in-console relink moved on: the dialog that started it follows this. */
  'upstreams.relink': relinkStateSchema,
  'onboarding.changed': z.object({}),
  /** Something the operator should not miss: shown as a desktop notification and an in-app notice. */
  'alerts.raised': raisedAlertSchema,
  /** The tunnel or the reachability check moved on. */
  'onboarding.reach': z.object({ tunnel: tunnelStateSchema.nullable(), reachability: reachabilitySchema }),
  /** The desktop app connected to a team server, went offline, came back, or returned to its own store. */
  'team.changed': teamStatusSchema,
} as const;

export type EventName = keyof typeof eventSchemas;

export type PoolerEvent = {
  [K in EventName]: { name: K; payload: z.infer<(typeof eventSchemas)[K]> };
}[EventName];
