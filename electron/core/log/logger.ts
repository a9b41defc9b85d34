import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';

export type Logger = pino.Logger;

/**
 * The console's log file, `{dataDir}/logs/pooler.log`. Callers log ids and codes, never secrets;
 * the redact list is a second line of defence for fields that must never be written.
 */
export function createLogger(dataDir: string, level = 'info'): Logger {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const destination = pino.destination({ dest: join(dir, 'pooler.log'), sync: true, mkdir: true });
  return pino(
    {
      level,
      redact: {
        paths: ['token', 'password', 'url', '*.token', '*.password', '*.url', 'headers.authorization'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
