import { createAlerts } from './alerts/alerts-service';
import { summarise } from './alerts/glance';
import { appHandlers } from './app/app-handlers';
import { receiptLine } from '../../shared/onboarding/receipt';
import { CONSOLE_ACTOR } from './audit/audit-log';
import { backgroundWork, REFRESH_OUTLIVED_MS } from './app/background-work';
import { startJobLease, type JobLease } from './db/job-lease';
import { startEventFanOut } from './events/event-fan-out';
import { auditHandlers } from './audit/audit-handlers';
import type { CoreConfig } from './config';
import type { Core } from './core';
import { createFoundation } from './foundation';
import { invitesHandlers } from './invites/invites-handlers';
import { createInvitesQuery } from './invites/invites-query';
import { createInvitesService } from './invites/invites-service';
import { createInviteDelivery } from './mail/invite-delivery';
import { smtpHandlers } from './mail/smtp-handlers';
import { createSmtpService } from './mail/smtp-service';
import { createListenerAddress } from './onboarding/listener-address';
import { createOnboardingFlow } from './onboarding/onboarding-flow';
import { onboardingHandlers } from './onboarding/onboarding-handlers';
import { onboardingLimits, reachOptions } from './onboarding/onboarding-limits';
import { createOnboardingService } from './onboarding/onboarding-service';
import { createBrowserAttempts } from './onboarding/browser-attempts';
import { createSessionStore } from './onboarding/session-store';
import { createOperatorsService } from './operators/operators-service';
import { poolsHandlers } from './pools/pools-handlers';
import { createPoolsService } from './pools/pools-service';
import { createDispatch, type Handlers } from './rpc/dispatch';
import type { Caller } from './rpc/caller';
import { createPoolLookup } from './rpc/pool-lookup';
import { runtimeSettings } from './settings/runtime-settings';
import { settingsHandlers } from './settings/settings-handlers';
import { createSettingsService } from './settings/settings-service';
import { createRelinkAutomation } from './upstreams/relink-automation';
import { upstreamsHandlers } from './upstreams/upstreams-handlers';
import { teamHandlers } from './team/team-handlers';
import { createUpstreamsService } from './upstreams/upstreams-service';
import { createUpstreamsStore } from './upstreams/upstreams-store';

/** Every service of the core, built in dependency order: what `createCore` wires into handlers. */
export async function createServices(config: CoreConfig) {
  const f = await createFoundation(config);
  const reach = reachOptions(config.reach);
  const address = createListenerAddress({ ...f, runtime: f.runtime.config, interfaces: reach.interfaces });
  const smtp = createSmtpService(f);
  const settings = createSettingsService({
    ...f,
    runtime: runtimeSettings({ ...f, dataDir: config.dataDir, fromEnvironment: f.runtime.settings, address }),
    smtpConfigured: () => smtp.configured(),
  });
  const pools = createPoolsService(f);
  const invitesQuery = createInvitesQuery(f.db);
  const invites = createInvitesService({ ...f, query: invitesQuery, pools, publicUrl: address.publicUrl });
  const delivery = createInviteDelivery({ ...f, smtp, invites });
  const upstreamsStore = createUpstreamsStore(f.db, f.secrets, f.now);
  const upstreams = createUpstreamsService({ ...f, store: upstreamsStore, pools, invites, delivery });
  const automation = createRelinkAutomation({
    settings,
    smtpConfigured: () => smtp.configured(),
    issue: (id, input) => upstreams.relinkLink(id, input, CONSOLE_ACTOR),
    revoke: (id) => invites.revokeRelinkFor(id, CONSOLE_ACTOR),
    logger: f.logger,
  });
  const alerts = await createAlerts({
    ...f,
    settings,
    emailOf: async (id) => (await upstreamsStore.byId(id))?.email,
    receiptOf: async (id, email) => {
      const receipt = await upstreams.receipt(id);
      return receipt ? receiptLine(email, receipt) : null;
    },
    onBroken: automation.broken,
    onRecovered: automation.recovered,
    timings: config.alertTimings,
  });
  const sessions = createSessionStore(f.db, f.secrets, f.now);
  const limits = onboardingLimits(config.onboardingLimits);
  const flow = createOnboardingFlow({
    ...f,
    query: invitesQuery,
    invites,
    sessions,
    attempts: createBrowserAttempts(f.db, f.secrets, f.now),
    upstreams: upstreamsStore,
    newCodeGapMs: limits.newCodeGapMs,
    receipt: (id) => upstreams.receipt(id),
    // The receipt's one read; a failure is part of the receipt, never thrown at the acceptance.
    probe: (id) => upstreams.checkQuota(id).catch(() => undefined),
  });
  const onboarding = createOnboardingService({
    ...f,
    address,
    flow,
    rendererDir: config.rendererDir,
    limits,
    reach,
  });
  return {
    ...f,
    address,
    settings,
    smtp,
    pools,
    invites,
    invitesQuery,
    delivery,
    upstreams,
    alerts,
    flow,
    onboarding,
    operators: createOperatorsService(f),
  };
}

export type CoreServices = Awaited<ReturnType<typeof createServices>>;

/** The contract's handler table, one domain's part at a time. */
function handlersFor(s: CoreServices): Handlers {
  const { settings } = s;
  return {
    ...appHandlers({ version: s.config.version, dataDir: s.config.dataDir, secrets: s.secrets, backups: s.backups }),
    ...settingsHandlers(settings),
    ...poolsHandlers(s.pools),
    ...auditHandlers(s.audit),
    ...invitesHandlers({ invites: s.invites, query: s.invitesQuery, delivery: s.delivery, now: s.now }),
    ...smtpHandlers({ smtp: s.smtp, settings }),
    ...onboardingHandlers(s.onboarding),
    ...upstreamsHandlers(s.upstreams),
    ...teamHandlers(),
  };
}

/**
 * The desktop console's one operator, who owns everything it holds. Its name (which audit entries
 * record) is read once and kept until the settings change, rather than on every call.
 */
function localOwner(settings: CoreServices['settings'], events: CoreServices['events']): () => Promise<Caller> {
  let owner: Promise<Caller> | null = null;
  events.subscribe((event) => {
    if (event.name === 'settings.changed') owner = null;
  });
  return () => {
    if (owner) return owner;
    const reading = settings
      .operatorActor()
      .then((actor): Caller => ({ actor, role: 'owner', pools: null, person: null }));
    // A failed read is not kept: the next call reads again.
    reading.catch(() => {
      if (owner === reading) owner = null;
    });
    return (owner = reading);
  };
}

/** How long a readiness check waits for the database before calling it away. */
const READY_TIMEOUT_MS = 2_000;
/** How soon another server takes the background jobs over from one that died. */
const JOB_LEASE_MS = 2_000;

/** The core over services already built: starts the background work and exposes the one door in. */
export async function coreFrom(services: CoreServices): Promise<Core> {
  const { config, logger, db, sqlite, events, upstreams, alerts, flow, onboarding, backups } = services;
  const work = backgroundWork(services);
  const databaseUrl = services.runtime.config.databaseUrl;
  let shared: { lease: JobLease; fanOut: ReturnType<typeof startEventFanOut> } | null = null;
  if (services.postgres) {
    // Several servers may share this database: events reach them all; one runs the jobs.
    const fanOut = startEventFanOut({ events, pool: services.postgres, url: databaseUrl, logger });
    await fanOut.ready;
    await work.stop();
    const lease = startJobLease({
      url: databaseUrl,
      everyMs: config.jobLeaseMs ?? JOB_LEASE_MS,
      logger,
      onGained: async () => {
        await upstreams.recoverInterrupted(services.now() - REFRESH_OUTLIVED_MS);
        await work.start({ shared: true });
      },
      onLost: () => work.stop(),
    });
    shared = { lease, fanOut };
  } else {
    // Before any refresh of this process can start: every mark still set is from one that stopped.
    await upstreams.recoverInterrupted();
    await work.start({ shared: false });
  }
  onboarding.watch();
  logger.info(
    { dataDir: config.dataDir, version: config.version, keychain: services.secrets.status().available },
    'core started',
  );
  const close = async () => {
    await shared?.lease.stop();
    await work.stop();
    await shared?.fanOut.stop();
    alerts.stop();
    upstreams.stop();
    flow.dispose();
    await onboarding.stop();
    await backups?.idle();
    await db.close();
    sqlite?.pragma('optimize');
    sqlite?.close();
    logger.flush();
    services.logFile.close();
  };
  let closing: Promise<void> | null = null;
  return {
    dispatch: createDispatch(handlersFor(services), logger, {
      checkOutputs: config.checkOutputs ?? false,
      localCaller: localOwner(services.settings, events),
      lookup: createPoolLookup(db),
    }),
    subscribe: events.subscribe,
    eventsEmitted: events.emitted,
    onboarding: { start: onboarding.start, status: onboarding.status },
    runtime: services.runtime.config,
    glance: {
      current: () => summarise(alerts.glance()),
      subscribe: (listener) => alerts.onGlance((glance) => listener(summarise(glance))),
    },
    logger,
    operators: services.operators,
    databaseAnswers: () => db.answers(READY_TIMEOUT_MS),
    /** Once: a second call (a signal during shutdown, say) waits for the first. */
    close: () => (closing ??= close()),
  };
}

export async function createCore(config: CoreConfig): Promise<Core> {
  return coreFrom(await createServices(config));
}
