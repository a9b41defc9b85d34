import type { OperatorView, PoolerEvent } from '../../shared/contract';
import { callerOf, inScope } from '../core/rpc/caller';

/**
 * A Pool-scoped operator hears only of its Pools: an event about one (`poolId`) or several
 * (`poolIds`, an alert) reaches it when one of them is its; one about no Pool reaches everyone.
 */
export function visibleTo(operator: OperatorView) {
  const { pools } = callerOf(operator);
  return (event: PoolerEvent) => {
    const payload = event.payload as { poolId?: unknown; poolIds?: unknown };
    const about = typeof payload.poolId === 'string' ? [payload.poolId] : payload.poolIds;
    return !Array.isArray(about) || about.length === 0 || about.some((id: string) => inScope(pools, id));
  };
}
