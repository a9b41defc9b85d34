import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppStatus } from '../../shared/contract';
import { createAuditLog } from './audit/audit-log';
import { resolveRuntime, type CoreConfig, type RuntimeConfig } from './config';
import { migrate } from './db/migrate';
import { MIGRATIONS } from './db/migrations';
import { openDatabase } from './db/open-database';
import { createEventBus, type EventListener } from './events/event-bus';
import { createLogger, type Logger } from './log/logger';
import { createPoolsService } from './pools/pools-service';
import { createDispatch, type Dispatch, type Handlers } from './rpc/dispatch';
import { createSecrets } from './secrets/secrets';
import { createSettingsService } from './settings/settings-service';
import { createSettingsStore } from './settings/settings-store';

export interface Core {
  /** Validates, runs and answers one contract call; both shells go through here. */
  dispatch: Dispatch;
  subscribe(listener: EventListener): () => void;
  runtime: RuntimeConfig;
  logger: Logger;
  close(): void;
}

export const DATABASE_FILE = 'pooler.db';

export function createCore(config: CoreConfig): Core {
  const env = config.env ?? process.env;
  const now = config.now ?? Date.now;
  const runtime = resolveRuntime(env);
  mkdirSync(config.dataDir, { recursive: true });
  const logger = createLogger(config.dataDir);
  const db = openDatabase(join(config.dataDir, DATABASE_FILE));
  try {
    migrate(db, MIGRATIONS, now);
  } catch (err) {
    db.close();
    throw err;
  }

  const events = createEventBus(logger);
  const audit = createAuditLog(db, now);
  const secrets = createSecrets(db, runtime.config.keychainService, now, logger);
  const dataDirSetting = {
    env: 'POOLER_DATA_DIR',
    label: 'Data folder',
    value: config.dataDir,
    source: env.POOLER_DATA_DIR?.trim() ? 'environment' : 'default',
  } as const;
  const settings = createSettingsService({
    db,
    store: createSettingsStore(db, now),
    audit,
    events,
    runtime: [dataDirSetting, ...runtime.settings],
  });
  const pools = createPoolsService({ db, audit, events, settings, now });

  const status = (): AppStatus => ({ version: config.version, dataDir: config.dataDir, keychain: secrets.status() });

  const handlers: Handlers = {
    'app.status': status,
    'settings.get': () => settings.get(),
    'settings.updateOperator': (input) => settings.updateOperator(input),
    'settings.updateAppearance': (input) => settings.updateAppearance(input.theme),
    'pools.list': () => ({ pools: pools.list() }),
    'pools.create': (input) => pools.create(input.name),
    'pools.rename': (input) => pools.rename(input.id, input.name),
    'pools.setStatus': (input) => pools.setStatus(input.id, input.status),
    'audit.list': (input) =>
      audit.list({ action: input.action, poolId: input.poolId, cursor: input.cursor, limit: input.limit ?? 50 }),
  };

  logger.info({ dataDir: config.dataDir, version: config.version, keychain: secrets.status().available }, 'core started');

  return {
    dispatch: createDispatch(handlers, logger),
    subscribe: events.subscribe,
    runtime: runtime.config,
    logger,
    close() {
      db.close();
      logger.flush();
    },
  };
}
