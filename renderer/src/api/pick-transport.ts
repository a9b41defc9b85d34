import { browserSession, holdsBrowserSession } from './browser-session';
import { httpTransport } from './http-transport';
import { ipcTransport } from './ipc-transport';
import type { Transport } from './transport';

/** A team server's page: its sign-in set a cookie before the page was served. */
function onTeamServer(): boolean {
  return document.querySelector('meta[name="pooler-team-server"]') !== null;
}

/**
 * Whether this tab will be signed in, known before `pickTransport` has asked anyone: the entry
 * starts fetching the opening page's code on it, where a signed-out tab needs none.
 */
export function expectsSignIn(): boolean {
  return Boolean(window.pooler) || onTeamServer() || holdsBrowserSession();
}

/**
 * Electron's preload bridge; a team server's page; or the browser console's HTTP once this tab is
 * signed in. Null: this tab is not.
 */
export async function pickTransport(): Promise<Transport | null> {
  if (window.pooler) return ipcTransport(window.pooler);
  if (onTeamServer()) return httpTransport(null);
  const session = await browserSession();
  return session ? httpTransport(session) : null;
}
