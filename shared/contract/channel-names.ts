// Dependency-free on purpose: the sandboxed preload imports this file alone, and so does the
// renderer's entry (which runs before the rest of the bundle), so it must not pull zod (or
// anything else) into either.

/** The complete list of what a renderer may ask of the core. */
export const CHANNEL_NAMES = [
  'app.status',
  'settings.get',
  'settings.updateOperator',
  'settings.updateAppearance',
  'pools.list',
  'pools.create',
  'pools.rename',
  'pools.setStatus',
  'audit.list',
  'invites.list',
  'invites.get',
  'invites.retrieve',
  'invites.create',
  'invites.reissue',
  'invites.revoke',
  'invites.export',
  'settings.updateInviteFilters',
  'settings.updateAccounts',
  'settings.updateAlerts',
  'smtp.get',
  'smtp.update',
  'smtp.verify',
  'smtp.sendTest',
  'onboarding.get',
  'onboarding.update',
  'onboarding.check',
  'upstreams.list',
  'upstreams.refresh',
  'upstreams.checkQuota',
  'upstreams.removeFromPool',
  'upstreams.exportAuth',
  'upstreams.importAuth',
  'upstreams.relinkStart',
  'upstreams.relinkCancel',
  'upstreams.relinkBrowserStart',
  'upstreams.relinkBrowserPaste',
  'upstreams.relinkLink',
  'team.status',
  'team.connect',
  'team.disconnect',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];

/**
 * The channels whose answer is a file. The core produces the bytes; each shell decides where they
 * go (the desktop app: a save dialog; the browser console: a one-time download link).
 */
const DOWNLOAD_CHANNELS = ['invites.export', 'upstreams.exportAuth'] as const satisfies readonly ChannelName[];

export type DownloadChannel = (typeof DOWNLOAD_CHANNELS)[number];

export function isDownloadChannel(channel: string): channel is DownloadChannel {
  return (DOWNLOAD_CHANNELS as readonly string[]).includes(channel);
}

/**
 * The browser console's answers (each call, and the event stream as it opens) carry how many
 * events the core had announced: a read that saw fewer than the stream's opening count may have
 * missed one, and the page reads again.
 */
export const EVENTS_EMITTED_HEADER = 'Pooler-Events-Emitted';

/**
 * Most calls one `POST /rpc` may carry: a JSON array of `{ channel, input }`, answered with a
 * result per call, in order, each as if sent alone. The page's first reads go so, in one request.
 */
export const RPC_BATCH_MAX = 8;

/** The one IPC channel the main process uses to push events to the preload. */
export const EVENT_CHANNEL = 'pooler:event';

export function isChannelName(value: string): value is ChannelName {
  return (CHANNEL_NAMES as readonly string[]).includes(value);
}

/** Splits `pools.list` into its group and method. */
export function splitChannel(channel: ChannelName): [string, string] {
  const dot = channel.indexOf('.');
  return [channel.slice(0, dot), channel.slice(dot + 1)];
}
