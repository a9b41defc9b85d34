import {
  refusalOf,
  type ChannelPolicy,
  type OperatorRole,
  type OperatorView,
  type Refusal,
} from '../../../shared/contract';
import type { Actor } from '../audit/audit-log';
import { AppError } from '../errors';

/** The Pools a caller may see and touch; null: every Pool. */
export type PoolScope = readonly string[] | null;

/** A team server's operator, whose preferences (profile, theme, filters) are their own. */
export interface Person {
  id: string;
  email: string;
}

/** Who is calling: the desktop console's one operator (an owner), or a team server's signed-in operator. */
export interface Caller {
  /** Who the audit trail names. */
  actor: Actor;
  role: OperatorRole;
  pools: PoolScope;
  /** Null for the desktop console's one operator, whose preferences are the console's. */
  person: Person | null;
}

/** Where the Pools of an invite or an account are looked up, for an admin's scope. */
export interface PoolLookup {
  /** The invite's Pool, or null when there is no such invite (its handler then answers `not_found`). */
  poolOfInvite(id: string): Promise<string | null>;
  /** The account's Pools; null when there is no such account. */
  poolsOfUpstream(id: string): Promise<string[] | null>;
}

const MESSAGES: Record<Exclude<Refusal, null>, string> = {
  owner_only: 'Only an owner can do this.',
  viewer: 'A viewer can look but not change anything. Ask an owner, or an admin of this Pool.',
  out_of_scope: 'This belongs to a Pool you are not an admin of.',
};

export function inScope(scope: PoolScope, poolId: string): boolean {
  return scope === null || scope.includes(poolId);
}

/** The Pools a call touches per its policy; null when none, or when what it names does not exist. */
async function poolsTouched(
  policy: ChannelPolicy,
  input: Record<string, unknown>,
  lookup: PoolLookup,
): Promise<string[] | null> {
  const id = typeof input.id === 'string' ? input.id : null;
  switch (policy.pool) {
    case 'input':
    case 'listed':
      return typeof input.poolId === 'string' ? [input.poolId] : null;
    case 'invite': {
      const pool = id === null ? null : await lookup.poolOfInvite(id);
      return pool === null ? null : [pool];
    }
    case 'upstream':
      return id === null ? null : lookup.poolsOfUpstream(id);
    case 'none':
      return null;
  }
}

/**
 * The one check before every handler: `forbidden` when the caller's role or Pool scope does not
 * allow the call, else null. A list's rows are narrowed to the caller's scope by its handler.
 */
export async function refusal(
  policy: ChannelPolicy,
  caller: Caller,
  input: Record<string, unknown>,
  lookup: PoolLookup,
): Promise<AppError | null> {
  // Only a call that could be refused for its Pool pays for looking the Pool up.
  const touched = caller.role === 'owner' || policy.access === 'own' ? null : await poolsTouched(policy, input, lookup);
  const why = refusalOf(policy, caller, touched);
  return why === null ? null : new AppError('forbidden', MESSAGES[why]);
}

/** A team server's signed-in operator as a caller: an admin within its Pools, anyone else over all. */
export function callerOf(operator: OperatorView): Caller {
  return {
    actor: { kind: 'operator', name: operator.email },
    role: operator.role,
    pools: operator.role === 'admin' ? operator.poolIds : null,
    person: { id: operator.id, email: operator.email },
  };
}
