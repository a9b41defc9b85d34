import { createWriteStream } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { BrowserWindow, Dialog } from 'electron';
import type { SaveFile } from '../core/config';

/**
 * Exports in the desktop app: a save dialog (in Downloads by default), then the core streams the
 * file. Owner-only permissions: exports hold account emails.
 */
export function saveFileWithDialog(
  dialog: Pick<Dialog, 'showSaveDialog'>,
  downloadsDir: string,
  window: () => BrowserWindow | null,
): SaveFile {
  return async (suggestedName, write, title = 'Export invites') => {
    const extension = extname(suggestedName).slice(1);
    const options = {
      title,
      defaultPath: join(downloadsDir, suggestedName),
      filters: [{ name: extension.toUpperCase(), extensions: [extension] }],
    };
    const parent = window();
    const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { saved: false, fileName: null, count: 0 };
    const out = createWriteStream(choice.filePath, { mode: 0o600 });
    const count = await write(out);
    out.end();
    await finished(out);
    return { saved: true, fileName: basename(choice.filePath), count };
  };
}
