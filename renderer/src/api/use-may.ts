import { useCallback } from 'react';
import type { ChannelName } from '../../../shared/contract/channel-names';
import { CHANNEL_POLICIES } from '../../../shared/contract/channel-policies';
import { refusalOf } from '../../../shared/contract/policy';
import { useSettings } from './queries';

/**
 * Whether this operator may make a call — about these Pools, when it names any — by the same rule
 * the core applies, so the console offers only what will be allowed. The desktop console's
 * operator owns everything; a team server's is as enrolled. Until settings load, nothing is offered.
 */
export function useMay(): (channel: ChannelName, pools?: readonly string[] | null) => boolean {
  const access = useSettings().data?.access;
  return useCallback(
    (channel, pools = null) => access !== undefined && refusalOf(CHANNEL_POLICIES[channel], access, pools) === null,
    [access],
  );
}
