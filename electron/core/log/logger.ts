import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { openLogFile, type LogFile } from './log-file';

export type Logger = pino.Logger;

/**
 * The console's log, `{dataDir}/logs/pooler.log`. Callers log ids and codes, never secrets;
 * the redact list is a second line of defence for fields that must never be written. Logging
 * never throws (see openLogFile); close the file when the core closes.
 */
export function createLogger(
  dataDir: string,
  level = 'info',
  options: { stdout?: boolean } = {},
): { logger: Logger; file: LogFile } {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = openLogFile(join(dir, 'pooler.log'));
  const logger = pino(
    {
      level,
      redact: {
        paths: ['token', 'password', 'url', '*.token', '*.password', '*.url', 'headers.authorization'],
        censor: '[redacted]',
      },
    },
    // The server also writes each line (JSON, redacted alike) to stdout for its supervisor.
    options.stdout
      ? pino.multistream([
          { level, stream: file },
          { level, stream: process.stdout },
        ])
      : file,
  );
  return { logger, file };
}
