import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { CHANNEL_NAMES, EVENT_CHANNEL, splitChannel } from '../../shared/contract/channel-names';
import type { PreloadBridge } from '../../shared/contract/api';
import type { PoolerEvent } from '../../shared/contract/events';

/**
 * `window.pooler`: one named function per contract channel, each bound to its own fixed IPC
 * channel, so the page can never pick a channel name of its own. Plus the event subscription.
 */
export function buildBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): PreloadBridge {
  const bridge: Record<string, unknown> = {};
  for (const channel of CHANNEL_NAMES) {
    const [group, method] = splitChannel(channel);
    const functions = (bridge[group] ??= {}) as Record<string, unknown>;
    functions[method] = (input: unknown) => ipc.invoke(channel, input);
  }
  bridge.subscribe = (listener: (event: PoolerEvent) => void) => {
    const handler = (_event: IpcRendererEvent, event: PoolerEvent) => listener(event);
    ipc.on(EVENT_CHANNEL, handler);
    return () => {
      ipc.removeListener(EVENT_CHANNEL, handler);
    };
  };
  return bridge as PreloadBridge;
}
