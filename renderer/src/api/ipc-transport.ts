import type { PreloadBridge, Result } from '../../../shared/contract';
import { splitChannel } from '../../../shared/contract/channel-names';
import type { Transport } from './transport';

type LooseBridge = Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>>;

/** The desktop app: every call (downloads too: the main process shows the save dialog) goes over IPC. */
export function ipcTransport(bridge: PreloadBridge): Transport {
  const functions = bridge as unknown as LooseBridge;
  return {
    call(channel, input) {
      const [group, method] = splitChannel(channel);
      const fn = functions[group]?.[method];
      if (!fn) throw new Error(`The preload does not expose ${channel}.`);
      return fn(input);
    },
    // IPC to the main process cannot drop while the window exists: nothing to resync.
    subscribe: (listener) => bridge.subscribe(listener),
    connectsToTeams: true,
  };
}
