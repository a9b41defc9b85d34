import type { HandlersOf } from '../rpc/dispatch';
import type { PoolsService } from './pools-service';

export function poolsHandlers(pools: PoolsService): HandlersOf<'pools'> {
  return {
    'pools.list': () => ({ pools: pools.list() }),
    'pools.create': (input) => pools.create(input.name),
    'pools.rename': (input) => pools.rename(input.id, input.name),
    'pools.setStatus': (input) => pools.setStatus(input.id, input.status),
  };
}
