/**
 * Who may call a channel on a team server, written next to each contract entry and checked in
 * one place (the core's dispatch). The desktop console's one operator is its owner.
 *
 * - `read`: any signed-in operator; a Pool-scoped admin only within its Pools.
 * - `write`: the owner, or an admin within the Pool the call touches; never a viewer.
 * - `owner`: the owner only (server settings, SMTP, Pools themselves).
 * - `own`: any operator, about their own preferences (theme, filters, profile).
 */
type Access = 'read' | 'write' | 'owner' | 'own';

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
