import { splitChannel, type PreloadBridge, type Result } from '../../../shared/contract';
import { ApiError } from './api-error';
import type { Transport } from './transport';

type LooseBridge = Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>>;

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
    async exportInvites(format, filters) {
      const result = await bridge.invites.export({ format, filters });
      if (!result.ok) throw new ApiError(result.error);
      return result.data.saved && result.data.fileName
        ? { kind: 'saved', fileName: result.data.fileName, count: result.data.count }
        : { kind: 'cancelled' };
    },
    async exportAuthJson(upstreamId) {
      const result = await bridge.upstreams.exportAuth({ id: upstreamId });
      if (!result.ok) throw new ApiError(result.error);
      return result.data.saved && result.data.fileName
        ? { kind: 'saved', fileName: result.data.fileName }
        : { kind: 'cancelled' };
    },
  };
}
