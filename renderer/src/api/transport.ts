import type { ChannelName, PoolerEvent, Result } from '../../../shared/contract';

/** How the renderer reaches the core: Electron's preload bridge or the browser console's HTTP. */
export interface Transport {
  call(channel: ChannelName, input: unknown): Promise<Result<unknown>>;
  /** Several calls in one request, answered in order; where it is missing, each goes alone. */
  callMany?(calls: { channel: ChannelName; input: unknown }[]): Promise<Result<unknown>[]>;
  /**
   * Receive core events. `onResync` runs whenever the stream (re)connects, since events
   * may have been missed meanwhile.
   */
  subscribe(listener: (event: PoolerEvent) => void, onResync: () => void): () => void;
  /** The browser console only: a one-time link that signs another browser in. */
  signInLink?(): Promise<string>;
  /** A team server's page only: ends this operator's session and goes back to its sign-in page. */
  signOut?(): Promise<void>;
  /** The desktop app only: Settings can connect it to a team server. */
  connectsToTeams?: true;
}
