import type { OnboardingSettings, RuntimeSetting } from '../../../shared/contract';
import type { Actor, AuditLog } from '../audit/audit-log';
import type { RuntimeConfig } from '../config';
import type { Db } from '../db/open-database';
import { writeTransaction } from '../db/write-transaction';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../log/logger';
import type { SettingsStore } from '../settings/settings-store';
import type { OnboardingFlow } from './onboarding-flow';
import { loadOnboardingPage } from './onboarding-page';
import { startOnboardingServer, type OnboardingServer } from './onboarding-server';

const KEY = 'onboarding';

interface Stored {
  host?: string;
  port?: number;
  publicUrl?: string;
}

type Status = OnboardingSettings['status'];

/**
 * The onboarding listener's configuration and lifecycle. Each value comes from the environment
 * (POOLER_ONBOARDING_HOST / _PORT / POOLER_PUBLIC_URL), else from Settings, else the default;
 * changing Settings restarts the listener.
 */
export function createOnboardingService(deps: {
  db: Db;
  store: SettingsStore;
  audit: AuditLog;
  events: EventBus;
  logger: Logger;
  flow: OnboardingFlow;
  env: NodeJS.ProcessEnv;
  runtime: RuntimeConfig;
  rendererDir: string | undefined;
  lookupsPerMinute: number;
}) {
  const { env, runtime, store, logger } = deps;
  let server: OnboardingServer | null = null;
  let status: Omit<Status, 'publicUrl'> = { state: 'stopped', listeningOn: null, message: null };
  let queue: Promise<unknown> = Promise.resolve();

  const fromEnv = (name: string) => Boolean(env[name]?.trim());
  const stored = () => store.read<Stored>(KEY) ?? {};

  function setting(
    envName: string,
    label: string,
    envValue: string,
    storedValue: string | undefined,
    fallback: string,
  ): RuntimeSetting {
    if (fromEnv(envName)) return { env: envName, label, value: envValue, source: 'environment' };
    if (storedValue !== undefined && storedValue !== '')
      return { env: envName, label, value: storedValue, source: 'settings' };
    return { env: envName, label, value: fallback, source: 'default' };
  }

  function effective() {
    const s = stored();
    const host = setting('POOLER_ONBOARDING_HOST', 'Onboarding host', runtime.onboardingHost, s.host, '127.0.0.1');
    const port = setting(
      'POOLER_ONBOARDING_PORT',
      'Onboarding port',
      String(runtime.onboardingPort),
      s.port === undefined ? undefined : String(s.port),
      '7420',
    );
    const listeningPort = server?.port ?? Number(port.value);
    const derived = `http://${host.value.includes(':') ? `[${host.value}]` : host.value}:${listeningPort}`;
    const publicUrl = setting('POOLER_PUBLIC_URL', 'Public URL', runtime.publicUrl, s.publicUrl, derived);
    return { host, port, publicUrl: { ...publicUrl, value: publicUrl.value.replace(/\/+$/, '') } };
  }

  async function start() {
    const config = effective();
    if (!deps.rendererDir) {
      status = {
        state: 'failed',
        listeningOn: null,
        message: 'The invite page is not built, so invite links cannot be served.',
      };
      return;
    }
    try {
      const page = await loadOnboardingPage(deps.rendererDir);
      server = await startOnboardingServer({
        flow: deps.flow,
        page,
        host: config.host.value,
        port: Number(config.port.value),
        lookupsPerMinute: deps.lookupsPerMinute,
        logger,
      });
      status = { state: 'listening', listeningOn: `${config.host.value}:${server.port}`, message: null };
      deps.flow.resume();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const where = `${config.host.value}:${config.port.value}`;
      const message =
        code === 'EADDRINUSE'
          ? `Port ${config.port.value} is already in use (another Pooler Console?). Invite links cannot be opened until the onboarding port is free or changed.`
          : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND'
            ? `This machine has no address ${config.host.value} to listen on.`
            : `The onboarding listener could not start on ${where}.`;
      logger.error({ code, where }, 'onboarding listener failed to start');
      status = { state: 'failed', listeningOn: null, message };
    }
    deps.events.emit({ name: 'onboarding.changed', payload: {} });
  }

  async function stop() {
    deps.flow.stop();
    const closing = server?.close();
    server = null;
    status = { state: 'stopped', listeningOn: null, message: null };
    await closing;
  }

  /** One start or stop at a time, in order: a settings change mid-start waits its turn. */
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  function get(): OnboardingSettings {
    const config = effective();
    return {
      host: config.host,
      port: config.port,
      publicUrl: config.publicUrl,
      status: { ...status, publicUrl: config.publicUrl.value },
    };
  }

  return {
    get,
    publicUrl: () => effective().publicUrl.value,
    start: () => serially(start),
    stop: () => serially(stop),

    async update(input: { host: string; port: number; publicUrl: string }, actor: Actor): Promise<OnboardingSettings> {
      const before = stored();
      const auditId = writeTransaction(deps.db, () => {
        store.write(KEY, input);
        return deps.audit.record({
          actor,
          action: 'settings.changed',
          targetType: 'settings',
          targetId: KEY,
          poolId: null,
          details: { section: KEY, changes: { from: before, to: input } },
        });
      });
      deps.events.emit({ name: 'audit.appended', payload: { id: auditId } });
      if (server || status.state === 'failed') {
        await serially(async () => {
          await stop();
          await start();
        });
      }
      deps.events.emit({ name: 'onboarding.changed', payload: {} });
      return get();
    },
  };
}

export type OnboardingService = ReturnType<typeof createOnboardingService>;
