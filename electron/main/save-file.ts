import { createWriteStream } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { BrowserWindow, Dialog } from 'electron';
import type { Deliver } from '../core';

/**
 * Downloads in the desktop app: a save dialog (in Downloads by default), then the core writes the
 * file. Owner-only permissions: exports hold account emails, and auth.json holds tokens.
 */
export function deliverWithSaveDialog(
  dialog: Pick<Dialog, 'showSaveDialog'>,
  downloadsDir: string,
  window: () => BrowserWindow | null,
): Deliver {
  return async (download) => {
    const extension = extname(download.fileName).slice(1);
    const options = {
      title: download.title,
      defaultPath: join(downloadsDir, download.fileName),
      filters: [{ name: extension.toUpperCase(), extensions: [extension] }],
    };
    const parent = window();
    const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { kind: 'cancelled' };
    const out = createWriteStream(choice.filePath, { mode: 0o600 });
    const count = await download.write(out);
    out.end();
    await finished(out);
    return { kind: 'saved', fileName: basename(choice.filePath), count };
  };
}
