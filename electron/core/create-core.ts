import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { AppStatus, ExportFormat, InviteFilters } from '../../shared/contract';
import { createAuditLog } from './audit/audit-log';
import { resolveRuntime, type CoreConfig, type RuntimeConfig } from './config';
import { migrate } from './db/migrate';
import { MIGRATIONS } from './db/migrations';
import { openDatabase } from './db/open-database';
import { AppError } from './errors';
import { createEventBus, type EventListener } from './events/event-bus';
import { exportFileName, writeInviteExport } from './invites/invite-export';
import { toInviteRow, toRetrievedInvite } from './invites/invite-record';
import { createInvitesQuery } from './invites/invites-query';
import { createInvitesService, type InvitesService } from './invites/invites-service';
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
  /** Writes an invites export (CSV or JSON) to `out`; returns how many invites it wrote. */
  exportInvites(out: Writable, format: ExportFormat, filters: InviteFilters): Promise<number>;
  exportFileName(format: ExportFormat): string;
  /** For the core's own consumers (onboarding) and tests; the shells use `dispatch`. */
  services: { invites: InvitesService };
  runtime: RuntimeConfig;
  logger: Logger;
  close(): void;
}

export const DATABASE_FILE = 'pooler.db';
const SWEEP_INTERVAL_MS = 60_000;

export function createCore(config: CoreConfig): Core {
  const env = config.env ?? process.env;
  const now = config.now ?? Date.now;
  const runtime = resolveRuntime(env);
  mkdirSync(config.dataDir, { recursive: true });
  const logger = createLogger(config.dataDir, env.POOLER_LOG_LEVEL?.trim() || 'info');
  const db = openDatabase(join(config.dataDir, DATABASE_FILE));
  try {
    migrate(db, MIGRATIONS, now);
  } catch (err) {
    db.close();
    throw err;
  }
  // Refresh the planner's statistics where they have drifted, so filter queries keep their indexes.
  db.pragma('optimize=0x10002');

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
    // Email delivery arrives with SMTP settings; until then nothing can be sent.
    smtpConfigured: () => false,
  });
  const pools = createPoolsService({ db, audit, events, settings, now });
  const invitesQuery = createInvitesQuery(db);
  const invites = createInvitesService({
    db,
    query: invitesQuery,
    audit,
    events,
    now,
    publicUrl: () => runtime.config.publicUrl,
  });

  const exportInvites = (out: Writable, format: ExportFormat, filters: InviteFilters) =>
    writeInviteExport(out, { format, filters, query: invitesQuery, now: now() });

  const inviteRecord = (id: string) => {
    const record = invitesQuery.byId(id);
    if (!record) throw new AppError('not_found', 'That invite does not exist.', { id: 'Unknown invite.' });
    return record;
  };

  const status = (): AppStatus => ({ version: config.version, dataDir: config.dataDir, keychain: secrets.status() });

  const handlers: Handlers = {
    'app.status': status,
    'settings.get': () => settings.get(),
    'settings.updateOperator': (input) => settings.updateOperator(input),
    'settings.updateAppearance': (input) => settings.updateAppearance(input.theme),
    'settings.updateInviteFilters': (input) => settings.updateInviteFilters(input.filters),
    'pools.list': () => ({ pools: pools.list() }),
    'pools.create': (input) => pools.create(input.name),
    'pools.rename': (input) => pools.rename(input.id, input.name),
    'pools.setStatus': (input) => pools.setStatus(input.id, input.status),
    'audit.list': (input) =>
      audit.list({
        action: input.action,
        poolId: input.poolId,
        inviteId: input.inviteId,
        cursor: input.cursor,
        limit: input.limit ?? 50,
      }),
    'invites.list': (input) => {
      const at = now();
      const page = invitesQuery.page({ ...input, limit: input.limit ?? 100, now: at });
      return { invites: page.records.map((r) => toInviteRow(r, at)), nextCursor: page.nextCursor };
    },
    'invites.get': (input) => toInviteRow(inviteRecord(input.id), now()),
    'invites.retrieve': (input) => toRetrievedInvite(inviteRecord(input.id), now()),
    'invites.create': (input) => {
      if (input.sendEmail && !settings.get().smtpConfigured) {
        throw new AppError('smtp_not_configured', 'Email delivery is unavailable until SMTP is configured.', {
          sendEmail: 'Email delivery is unavailable until SMTP is configured.',
        });
      }
      return invites.create({ ...input, emailRequested: input.sendEmail }, settings.operatorActor());
    },
    'invites.reissue': (input) => {
      // Reissuing emails the new URL; without SMTP the operator revokes and creates instead.
      if (!settings.get().smtpConfigured) {
        throw new AppError('smtp_not_configured', 'Reissue emails the new link, so it needs SMTP to be configured.');
      }
      return invites.reissue(input.id, settings.operatorActor(), { emailRequested: true });
    },
    'invites.revoke': (input) => invites.revoke(input.id, settings.operatorActor()),
    'invites.export': async (input) => {
      if (!config.saveFile) {
        throw new AppError('not_supported', 'This console downloads exports over HTTP instead.');
      }
      return config.saveFile(exportFileName(input.format, now()), (out) => exportInvites(out, input.format, input.filters));
    },
  };

  const sweep = () => {
    try {
      const stored = invites.sweepLapsed();
      if (stored > 0) logger.debug({ stored }, 'stored lapsed invites as expired');
    } catch (err) {
      logger.warn({ err }, 'invite expiry sweep failed');
    }
  };
  sweep();
  const sweepTimer = setInterval(sweep, SWEEP_INTERVAL_MS);
  sweepTimer.unref();

  logger.info({ dataDir: config.dataDir, version: config.version, keychain: secrets.status().available }, 'core started');

  return {
    dispatch: createDispatch(handlers, logger, { checkOutputs: config.checkOutputs ?? false }),
    subscribe: events.subscribe,
    exportInvites,
    exportFileName: (format) => exportFileName(format, now()),
    services: { invites },
    runtime: runtime.config,
    logger,
    close() {
      clearInterval(sweepTimer);
      db.pragma('optimize');
      db.close();
      logger.flush();
    },
  };
}
