import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNEL_NAMES, EVENT_CHANNEL, type Result } from '../../shared/contract';
import type { Core, Deliver } from '../core';
import { APP_ORIGIN } from './app-protocol';

const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'Only the Pooler Console window may call the console.' },
};

/** True only for the top frame of our own window, showing our own app:// origin. */
export function isTrustedSender(event: IpcMainInvokeEvent, window: { webContents: WebContents } | null): boolean {
  const frame = event.senderFrame;
  if (!window || !frame || event.sender !== window.webContents) return false;
  if (frame !== window.webContents.mainFrame || frame.parent !== null) return false;
  // app: is not a WHATWG special scheme, so URL.origin would be "null"; compare the prefix.
  return frame.url.startsWith(`${APP_ORIGIN}/`);
}

/**
 * Binds one ipcMain handler per contract channel: sender check, then the core's dispatch. A
 * download's file goes wherever `deliver` puts it (the save dialog).
 */
export function bindContract(
  ipcMain: Pick<IpcMain, 'handle'>,
  dispatch: Core['dispatch'],
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
  deliver: Deliver,
): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, input: unknown) =>
      isTrusted(event) ? dispatch(channel, input, { deliver }) : FORBIDDEN,
    );
  }
}

/** Pushes every core event to the window until it closes. */
export function forwardEvents(core: Pick<Core, 'subscribe'>, contents: WebContents): () => void {
  return core.subscribe((event) => {
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event);
  });
}
