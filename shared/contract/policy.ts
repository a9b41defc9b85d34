/**
 * Who may call a channel on a team server, written for every channel in `channel-policies.ts` and
 * checked in one place (the core's dispatch). The desktop console's one operator is its owner.
 *
 * - `read`: any signed-in operator; a Pool-scoped admin only within its Pools.
 * - `write`: the owner, or an admin within the Pool the call touches; never a viewer.
 * - `owner`: the owner only (server settings, SMTP, Pools themselves).
 * - `own`: any operator, about their own preferences (theme, filters, profile).
 */
type Access = 'read' | 'write' | 'owner' | 'own';

/** The team server's roles: owner (everything), admin (the Pools it is given), viewer (read-only). */
export const OPERATOR_ROLES = ['owner', 'admin', 'viewer'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/**
 * Which Pool a call touches, so an admin's scope can be checked before the handler runs:
 * `poolId` in the input (when given), the Pool of the invite or account named by `id`, every
 * Pool a list answers from (narrowed to the caller's), or none at all.
 */
export type PoolOf = 'none' | 'input' | 'invite' | 'upstream' | 'listed';

export interface ChannelPolicy {
  access: Access;
  pool: PoolOf;
}

export const reads = (pool: PoolOf = 'none'): ChannelPolicy => ({ access: 'read', pool });
export const writes = (pool: Exclude<PoolOf, 'none' | 'listed'>): ChannelPolicy => ({ access: 'write', pool });
export const ownerOnly: ChannelPolicy = { access: 'owner', pool: 'none' };
export const ownPreference: ChannelPolicy = { access: 'own', pool: 'none' };

/** What the caller may do: its role, and the Pools it is limited to (null: every Pool). */
export interface CallerAccess {
  role: OperatorRole;
  pools: readonly string[] | null;
}

/** Why a call is refused, or null when the policy lets this caller make it. */
export type Refusal = 'owner_only' | 'viewer' | 'out_of_scope' | null;

/**
 * The one rule, used by the core before every handler and by the renderer to offer only what
 * will be allowed. `touched`: the Pools the call is about (an account in several Pools is the
 * admin's to manage when one of them is), or null when it names none.
 */
export function refusalOf(policy: ChannelPolicy, access: CallerAccess, touched: readonly string[] | null): Refusal {
  if (policy.access === 'own' || access.role === 'owner') return null;
  if (policy.access === 'owner') return 'owner_only';
  if (policy.access === 'write' && access.role === 'viewer') return 'viewer';
  const { pools } = access;
  if (touched !== null && pools !== null && !touched.some((pool) => pools.includes(pool))) return 'out_of_scope';
  return null;
}
