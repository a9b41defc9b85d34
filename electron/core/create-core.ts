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
import { emailIssuedInvite } from './mail/invite-delivery';
import { createSmtpService } from './mail/smtp-service';
import { createOnboardingFlow } from './onboarding/onboarding-flow';
import { createOnboardingService, type OnboardingService } from './onboarding/onboarding-service';
import { createSessionStore } from './onboarding/session-store';
import { createUpstreamsService, type UpstreamsService } from './upstreams/upstreams-service';
import { createUpstreamsStore } from './upstreams/upstreams-store';
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
  services: { invites: InvitesService; upstreams: UpstreamsService };
  /** An upstream's auth.json (Codex CLI format), for the browser console's download; audited. */
  exportAuthJson(upstreamId: string): string;
  /** The invite-link listener: the shells start it once the core is up. */
  onboarding: Pick<OnboardingService, 'start' | 'stop' | 'get' | 'publicUrl'>;
  runtime: RuntimeConfig;
  logger: Logger;
  /** Stops the onboarding listener and polling, then closes the database. */
  close(): Promise<void>;
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
  const store = createSettingsStore(db, now);
  const smtp = createSmtpService({ db, store, secrets, audit, events, logger });
  let onboarding: OnboardingService | null = null;
  const ONBOARDING_ENV = new Set(['POOLER_ONBOARDING_HOST', 'POOLER_ONBOARDING_PORT', 'POOLER_PUBLIC_URL']);
  const runtimeSettings = () => {
    const live = onboarding?.get();
    const byEnv = live ? new Map([live.host, live.port, live.publicUrl].map((s) => [s.env, s])) : new Map();
    return [dataDirSetting, ...runtime.settings.map((s) => (ONBOARDING_ENV.has(s.env) ? (byEnv.get(s.env) ?? s) : s))];
  };
  const settings = createSettingsService({
    db,
    store,
    audit,
    events,
    runtime: runtimeSettings,
    smtpConfigured: () => smtp.configured(),
  });
  const pools = createPoolsService({ db, audit, events, settings, now });
  const invitesQuery = createInvitesQuery(db);
  const invites = createInvitesService({
    db,
    query: invitesQuery,
    audit,
    events,
    now,
    publicUrl: () => onboarding!.publicUrl(),
  });
  const sessions = createSessionStore(db, secrets, now);
  const upstreamsStore = createUpstreamsStore(db, secrets, now);
  const upstreams = createUpstreamsService({
    db,
    store: upstreamsStore,
    secrets,
    audit,
    events,
    logger,
    issuer: () => runtime.config.openaiIssuer,
    chatgptBaseUrl: () => runtime.config.chatgptBaseUrl,
    now,
  });
  const flow = createOnboardingFlow({
    db,
    query: invitesQuery,
    invites,
    sessions,
    upstreams: upstreamsStore,
    audit,
    events,
    secrets,
    logger,
    issuer: () => runtime.config.openaiIssuer,
    now,
  });
  onboarding = createOnboardingService({
    db,
    store,
    audit,
    events,
    logger,
    flow,
    env,
    runtime: runtime.config,
    rendererDir: config.rendererDir,
    lookupsPerMinute: config.onboardingLookupsPerMinute ?? 120,
  });
  const listener = onboarding;

  const exportInvites = (out: Writable, format: ExportFormat, filters: InviteFilters) =>
    writeInviteExport(out, { format, filters, query: invitesQuery, now: now() });

  /** Email is about to be sent: SMTP must be set up, and its password readable. */
  const assertCanEmail = (reason: string) => {
    const config = smtp.get();
    if (!config.configured) {
      throw new AppError('smtp_not_configured', reason, {
        sendEmail: 'Email delivery is unavailable until SMTP is configured.',
      });
    }
    if (config.username && !secrets.status().available)
      throw new AppError('keychain_unavailable', secrets.status().reason ?? 'The OS keychain is unavailable.');
  };
  const delivery = { smtp, invites, now };

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
    'invites.create': async (input) => {
      if (input.sendEmail) assertCanEmail('Email delivery is unavailable until SMTP is configured.');
      const actor = settings.operatorActor();
      const issued = invites.create({ ...input, emailRequested: input.sendEmail }, actor);
      return input.sendEmail ? emailIssuedInvite(delivery, issued, actor.name) : issued;
    },
    'invites.reissue': async (input) => {
      // Reissuing emails the new URL; without SMTP the operator revokes and creates instead.
      assertCanEmail('Reissue emails the new link, so it needs SMTP to be configured.');
      const actor = settings.operatorActor();
      return emailIssuedInvite(delivery, invites.reissue(input.id, actor, { emailRequested: true }), actor.name);
    },
    'invites.revoke': (input) => invites.revoke(input.id, settings.operatorActor()),
    'smtp.get': () => smtp.get(),
    'smtp.update': (input) => smtp.update(input, settings.operatorActor()),
    'smtp.verify': () => {
      assertCanEmail('Set up and enable email delivery first.');
      return smtp.verify();
    },
    'smtp.sendTest': async () => {
      assertCanEmail('Set up and enable email delivery first.');
      const to = settings.get().operator?.email;
      if (!to)
        throw new AppError(
          'validation_failed',
          'Add your email to the operator profile first: the test email goes there.',
        );
      const outcome = await smtp.send({
        to,
        subject: 'Pooler Console test email',
        text: 'This is a test email from Pooler Console. Invite emails will be sent the same way.',
        html: '<p>This is a test email from Pooler Console. Invite emails will be sent the same way.</p>',
      });
      return { ...smtp.describe(outcome, `The test email was accepted for delivery to ${to}.`), to };
    },
    'onboarding.get': () => listener.get(),
    'onboarding.update': (input) => listener.update(input, settings.operatorActor()),
    'upstreams.list': (input) => ({ upstreams: upstreams.list(input) }),
    'upstreams.refresh': (input) => upstreams.refresh(input.id, settings.operatorActor()),
    'upstreams.checkQuota': (input) => upstreams.checkQuota(input.id),
    'upstreams.removeFromPool': (input) => upstreams.removeFromPool(input, settings.operatorActor()),
    'upstreams.importAuth': (input) => upstreams.importAuth(input, settings.operatorActor()),
    'upstreams.relinkStart': (input) => upstreams.relinkStart(input.id, settings.operatorActor()),
    'upstreams.relinkCancel': (input) => upstreams.relinkCancel(input.id),
    'upstreams.exportAuth': async (input) => {
      if (!config.saveFile) throw new AppError('not_supported', 'This console downloads auth.json over HTTP instead.');
      upstreams.row(input.id);
      const actor = settings.operatorActor();
      // The file is written only once the operator has chosen where: a cancelled dialog exports nothing.
      const { saved, fileName } = await config.saveFile(
        'auth.json',
        async (out) => {
          out.write(upstreams.exportAuth(input.id, actor));
          return 1;
        },
        'Export auth.json',
      );
      return { saved, fileName };
    },
    'invites.export': async (input) => {
      if (!config.saveFile) {
        throw new AppError('not_supported', 'This console downloads exports over HTTP instead.');
      }
      return config.saveFile(exportFileName(input.format, now()), (out) =>
        exportInvites(out, input.format, input.filters),
      );
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
  upstreams.recoverInterrupted();
  if (config.backgroundJobs ?? true) upstreams.jobs.start();

  logger.info(
    { dataDir: config.dataDir, version: config.version, keychain: secrets.status().available },
    'core started',
  );

  return {
    dispatch: createDispatch(handlers, logger, { checkOutputs: config.checkOutputs ?? false }),
    subscribe: events.subscribe,
    exportInvites,
    exportFileName: (format) => exportFileName(format, now()),
    services: { invites, upstreams },
    exportAuthJson: (upstreamId) => upstreams.exportAuth(upstreamId, settings.operatorActor()),
    onboarding: listener,
    runtime: runtime.config,
    logger,
    async close() {
      clearInterval(sweepTimer);
      upstreams.stop();
      flow.dispose();
      await listener.stop();
      db.pragma('optimize');
      db.close();
      logger.flush();
    },
  };
}
