import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, symlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../electron/core/db/open-database';
import { makeTempDir } from './temp-dir';

/**
 * A data folder whose disk can be filled and freed while a console uses it. Two kinds:
 *
 * - `tmpfs`: a real 8 MB filesystem, mounted where the machine allows it (root, as in CI):
 *   SQLite and the log both meet ENOSPC from the kernel.
 * - `seam`: the documented fault-injection seam, for machines that cannot mount. The log is
 *   `/dev/full` (the kernel's own always-full file: every write fails with ENOSPC), and the
 *   console's own database connection is capped with `PRAGMA max_page_count`, which makes
 *   SQLite refuse to grow with SQLITE_FULL exactly as on a full disk.
 */
export interface FullDisk {
  kind: 'tmpfs' | 'seam';
  dataDir: string;
  /** Takes the disk's remaining space (the seam: caps the database at its current size). */
  fill(db: Db): void;
  free(db: Db): void;
  remove(): void;
}

const MB = 1024 * 1024;

/** Mounts a small tmpfs, or null where this machine does not allow it. */
export function tmpfsDisk(): FullDisk | null {
  const mount = makeTempDir('pooler-tmpfs');
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m,mode=0700', 'tmpfs', mount.path]);
  if (mounted.status !== 0) {
    mount.remove();
    return null;
  }
  const dataDir = join(mount.path, 'data');
  const filler = join(mount.path, 'filler');
  return {
    kind: 'tmpfs',
    dataDir,
    fill() {
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(MB);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
        // The last few bytes too, so not even a small write fits.
        try {
          for (;;) writeSync(fd, Buffer.alloc(512));
        } catch {
          // Full.
        }
      } finally {
        closeSync(fd);
      }
    },
    free: () => rmSync(filler, { force: true }),
    remove() {
      spawnSync('umount', [mount.path]);
      mount.remove();
    },
  };
}

export function seamDisk(): FullDisk {
  const dir = makeTempDir('pooler-seam');
  const dataDir = join(dir.path, 'data');
  mkdirSync(join(dataDir, 'logs'), { recursive: true, mode: 0o700 });
  symlinkSync('/dev/full', join(dataDir, 'logs', 'pooler.log'));
  return {
    kind: 'seam',
    dataDir,
    fill(db) {
      db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    },
    free(db) {
      db.pragma('max_page_count = 1073741823');
    },
    remove: dir.remove,
  };
}
