import type { Writable } from 'node:stream';
import type { DownloadOutcome } from '../../../shared/contract';

/**
 * A download channel's answer inside the core: the file's name and type, and how to write it.
 * `write` runs only once the shell knows where the bytes go, so a cancelled save dialog or an
 * unused link writes (and audits) nothing.
 */
export interface Download {
  fileName: string;
  contentType: string;
  /** The save dialog's title in the desktop app. */
  title: string;
  /** Writes the file; returns how many records it holds. */
  write(out: Writable): Promise<number>;
}

/** Where a shell sends a download's bytes: a file the operator picks, or a one-time link. */
export type Deliver = (download: Download) => Promise<DownloadOutcome>;
