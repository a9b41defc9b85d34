import type { PoolerApi, Result } from '../../../shared/contract';
import { CHANNEL_NAMES, splitChannel } from '../../../shared/contract/channel-names';
import { ApiError } from './api-error';
import type { Transport } from './transport';

/** A call's data, or its refusal thrown as ApiError. */
export function dataOf(result: Result<unknown>): unknown {
  if (!result.ok) throw new ApiError(result.error);
  return result.data;
}

/** The typed API the pages use: `api.pools.create({ name })` resolves to data or throws ApiError. */
export function createApi(transport: Transport): PoolerApi {
  const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const channel of CHANNEL_NAMES) {
    const [group, method] = splitChannel(channel);
    api[group] ??= {};
    api[group][method] = async (input) => dataOf(await transport.call(channel, input));
  }
  return api as unknown as PoolerApi;
}
