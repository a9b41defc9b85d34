import type { WebContents } from 'electron';
import { isAllowedExternalUrl } from './external-links';

/**
 * Every web contents (the window and anything it might spawn): no navigation away from the app,
 * no new windows, no <webview>. Allow-listed https links open in the system browser instead.
 */
export function guardWebContents(
  contents: WebContents,
  openExternal: (url: string) => unknown,
  extraOrigins: readonly string[],
): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url, extraOrigins)) void openExternal(url);
    return { action: 'deny' };
  });
}
