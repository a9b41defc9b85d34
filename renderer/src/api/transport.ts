import type { ChannelName, ExportFormat, InviteFilters, PoolerEvent, Result } from '../../../shared/contract';

export type ExportOutcome =
  { kind: 'saved'; fileName: string; count: number } | { kind: 'cancelled' } | { kind: 'downloading' };

/** How the renderer reaches the core: Electron's preload bridge or the browser console's HTTP. */
export interface Transport {
  call(channel: ChannelName, input: unknown): Promise<Result<unknown>>;
  /**
   * Receive core events. `onResync` runs whenever the stream (re)connects, since events
   * may have been missed meanwhile.
   */
  subscribe(listener: (event: PoolerEvent) => void, onResync: () => void): () => void;
  /** Exports the filtered invites: a save dialog in the desktop app, a download in the browser. */
  exportInvites(format: ExportFormat, filters: InviteFilters): Promise<ExportOutcome>;
  /** Saves an account's auth.json: a save dialog in the desktop app, a download in the browser. */
  exportAuthJson(upstreamId: string): Promise<AuthExportOutcome>;
}

export type AuthExportOutcome = { kind: 'saved'; fileName: string } | { kind: 'cancelled' } | { kind: 'downloading' };
