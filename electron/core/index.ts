export { createCore, DATABASE_FILE, type Core } from './create-core';
export { APP_NAME, defaultDataDir, type CoreConfig } from './config';
export { StartupError } from './errors';
