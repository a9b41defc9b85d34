import { inScope } from '../rpc/caller';
import type { HandlersOf } from '../rpc/dispatch';
import type { PoolsService } from './pools-service';

export function poolsHandlers(pools: PoolsService): HandlersOf<'pools'> {
  return {
    'pools.list': async (_input, caller) => ({
      pools: (await pools.list()).filter((pool) => inScope(caller.pools, pool.id)),
    }),
    'pools.create': (input, caller) => pools.create(input.name, caller.actor),
    'pools.rename': (input, caller) => pools.rename(input.id, input.name, caller.actor),
    'pools.setStatus': (input, caller) => pools.setStatus(input.id, input.status, caller.actor),
  };
}
