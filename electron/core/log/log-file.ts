import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

/**
 * The log file as pino writes to it: one synchronous append per line (a crash loses nothing
 * logged before it), owner-only, and never throwing. A line that cannot be written (the disk is
 * full, the file went away) is dropped and counted — the error being handled must still reach
 * the operator as its own typed answer — and once writing works again the count is noted.
 * pino's own destination keeps failed lines in memory and retries them forever instead.
 */
export function openLogFile(path: string) {
  let fd: number | null = null;
  let dropped = 0;

  const open = () => {
    try {
      fd ??= openSync(path, 'a', 0o600);
    } catch {
      fd = null;
    }
    return fd;
  };

  const append = (line: string): boolean => {
    const target = open();
    if (target === null) return false;
    try {
      writeSync(target, line);
      return true;
    } catch {
      return false;
    }
  };

  return {
    write(line: string) {
      if (dropped > 0) {
        const note = JSON.stringify({ level: 40, time: Date.now(), dropped, msg: 'log lines were dropped' });
        if (!append(`${note}\n`)) return void dropped++;
        dropped = 0;
      }
      if (!append(line)) dropped++;
    },
    /** Lines dropped since the last one written (for tests and the closing line). */
    dropped: () => dropped,
    /** pino's `logger.flush()` lands here: every line is already written, so it only syncs. */
    flush(done?: () => void) {
      try {
        if (fd !== null) fsyncSync(fd);
      } catch {
        // Nothing more can be done for a file that cannot be synced.
      }
      done?.();
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}

export type LogFile = ReturnType<typeof openLogFile>;
