import { browserSession } from './browser-session';
import { httpTransport } from './http-transport';
import { ipcTransport } from './ipc-transport';
import type { Transport } from './transport';
import type { PreloadBridge } from '../../../shared/contract';

declare global {
  interface Window {
    pooler?: PreloadBridge;
  }
}

/**
 * Electron's preload bridge; a team server's page (its sign-in set a cookie before this page was
 * served); or the browser console's HTTP once this tab is signed in. Null: this tab is not.
 */
export async function pickTransport(): Promise<Transport | null> {
  if (window.pooler) return ipcTransport(window.pooler);
  if (document.querySelector('meta[name="pooler-team-server"]')) return httpTransport(null);
  const session = await browserSession();
  return session ? httpTransport(session) : null;
}
