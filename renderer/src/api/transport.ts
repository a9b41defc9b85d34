import type { ChannelName, PoolerEvent, Result } from '../../../shared/contract';

/** How the renderer reaches the core: Electron's preload bridge or the browser console's HTTP. */
export interface Transport {
  call(channel: ChannelName, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: PoolerEvent) => void): () => void;
}
