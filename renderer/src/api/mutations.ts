import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelName, InputOf, OutputOf, PoolerApi } from '../../../shared/contract';
import { splitChannel } from '../../../shared/contract/channel-names';
import { useApi } from './ApiProvider';
import { queryKeys } from './query-keys';

/**
 * Writes whose answer is the whole new state of a query: it goes straight into the cache, so a
 * form shows what was saved without waiting for the event. Everything else follows the core's
 * events (query-keys.ts), never a refetch from the page.
 */
const WRITES_THROUGH: Partial<Record<ChannelName, readonly string[]>> = {
  'settings.updateOperator': queryKeys.settings,
  'settings.updateAppearance': queryKeys.settings,
  'smtp.update': queryKeys.smtp,
  'onboarding.update': queryKeys.onboarding,
  'onboarding.check': queryKeys.onboarding,
};

function invoke<C extends ChannelName>(api: PoolerApi, channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const [group, method] = splitChannel(channel);
  const groups = api as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
  const call = groups[group]?.[method];
  if (!call) throw new Error(`The API has no ${channel}.`);
  return call(input) as Promise<OutputOf<C>>;
}

/** One contract call as a mutation: `useCall('pools.create').mutateAsync({ name })`. */
export function useCall<C extends ChannelName>(channel: C, options: { onSuccess?(data: OutputOf<C>): void } = {}) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation<OutputOf<C>, Error, InputOf<C>>({
    mutationFn: (input) => invoke(api, channel, input),
    onSuccess: (data) => {
      const key = WRITES_THROUGH[channel];
      if (key) queryClient.setQueryData<unknown>(key, data);
      options.onSuccess?.(data);
    },
  });
}
