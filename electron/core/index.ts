export { createCore, createServices } from './create-core';
export type { Core } from './core';
export { defaultDataDir, type CoreConfig } from './config';
export { DATABASE_FILE } from './db/open-database';
export { StartupError } from './errors';
export type { Deliver, Download } from './rpc/download';
export { BACKUPS_FOLDER, listBackups } from './db/backups';
export { restoreBackup, RestoreError } from './db/restore';
export { createLogger } from './log/logger';
