import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { invitePageFiles } from '../shared/onboarding/page-files';

/**
 * Writes each of the invite page's files compressed beside it (`.br`, `.gz`), once, at build time:
 * the onboarding server sends invitees those bytes as they are. Compressed at its start instead,
 * Brotli's best quality took tens of milliseconds of every console's start, while the browser
 * opening the console wanted the machine's cores.
 */
export function invitePageEncodings(): Plugin {
  return {
    name: 'invite-page-encodings',
    apply: 'build',
    writeBundle({ dir }) {
      if (!dir) return;
      const quality = { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY };
      for (const name of invitePageFiles(readFileSync(join(dir, 'onboarding.html'), 'utf8'))) {
        const path = join(dir, 'assets', name);
        const body = readFileSync(path);
        writeFileSync(`${path}.br`, brotliCompressSync(body, { params: quality }));
        writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}
