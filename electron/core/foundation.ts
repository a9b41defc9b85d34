import { createAuditLog } from './audit/audit-log';
import { createChanges } from './audit/changes';
import { resolveRuntime, type CoreConfig } from './config';
import { openStore } from './db/open-store';
import { createEventBus } from './events/event-bus';
import { createLogger } from './log/logger';
import { createSecrets, dataKeyStore } from './secrets/secrets';
import { createSettingsStore } from './settings/settings-store';
import { prepareDataFolder } from './storage/data-folder';

/**
 * What every domain service stands on: configuration, the clock, the log, the owner-only data
 * folder with its database, backups, audit trail and event bus, sealed secrets, the settings
 * store and where OpenAI is.
 */
export async function createFoundation(config: CoreConfig) {
  const env = config.env ?? process.env;
  const now = config.now ?? Date.now;
  const runtime = resolveRuntime(env);
  const tightened = prepareDataFolder(config.dataDir);
  const { logger, file: logFile } = createLogger(config.dataDir, env.POOLER_LOG_LEVEL?.trim() || 'info', {
    stdout: config.logToStdout ?? false,
  });
  if (tightened.length > 0) {
    logger.warn({ tightened }, 'the data folder was readable by other users; made it owner-only');
  }
  const { db, sqlite, backups, postgres } = await openStore({
    dataDir: config.dataDir,
    databaseUrl: runtime.config.databaseUrl,
    now,
    logger,
  });
  const events = createEventBus(logger, { checkPayloads: config.checkOutputs ?? false });
  const audit = createAuditLog(db, now);
  const changes = createChanges({ db, audit, events });
  const secrets = await createSecrets(db, dataKeyStore(runtime.config), now, logger);
  const store = createSettingsStore(db, now);
  /** Where OpenAI's auth server and ChatGPT's API are (the fakes, in tests). */
  const issuer = () => runtime.config.openaiIssuer;
  const chatgptBaseUrl = () => runtime.config.chatgptBaseUrl;
  return {
    config,
    env,
    now,
    runtime,
    logger,
    logFile,
    db,
    sqlite,
    postgres,
    backups,
    events,
    audit,
    changes,
    secrets,
    store,
    issuer,
    chatgptBaseUrl,
  };
}

/** Services name what they use of it: `deps: Pick<Foundation, 'db' | 'changes'> & { … }`. */
export type Foundation = Awaited<ReturnType<typeof createFoundation>>;
