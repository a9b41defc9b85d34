import type { Foundation } from '../foundation';
import type { OnboardingSettings } from '../../../shared/contract';
import type { Actor } from '../audit/audit-log';
import type { ListenerAddress, ListenerSettings } from './listener-address';
import type { OnboardingFlow } from './onboarding-flow';
import type { OnboardingLimits } from './onboarding-limits';
import { loadOnboardingPage } from './onboarding-page';
import { startOnboardingServer, type OnboardingServer } from './onboarding-server';

type Status = Omit<OnboardingSettings['status'], 'publicUrl'>;

/** Why the listener could not start, in the operator's terms. */
function startFailure(code: string | undefined, host: string, port: string): string {
  if (code === 'EADDRINUSE') {
    return `Port ${port} is already in use (another Pooler Console?). Invite links cannot be opened until the onboarding port is free or changed.`;
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return `This machine has no address ${host} to listen on.`;
  return `The onboarding listener could not start on ${host}:${port}.`;
}

/** The onboarding listener's lifecycle: the invite pages are served only while it listens. */
export function createOnboardingService(
  deps: Pick<Foundation, 'events' | 'logger'> & {
    address: ListenerAddress;
    flow: OnboardingFlow;
    rendererDir: string | undefined;
    limits: OnboardingLimits;
  },
) {
  const { address, events, logger, flow } = deps;
  let server: OnboardingServer | null = null;
  let status: Status = { state: 'stopped', listeningOn: null, message: null };
  let queue: Promise<unknown> = Promise.resolve();

  async function start() {
    const config = address.effective();
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
        flow,
        page,
        host: config.host.value,
        port: Number(config.port.value),
        limits: deps.limits,
        logger,
      });
      address.bound(server.port);
      status = { state: 'listening', listeningOn: `${config.host.value}:${server.port}`, message: null };
      flow.resume();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      logger.error({ code, where: `${config.host.value}:${config.port.value}` }, 'onboarding listener failed to start');
      status = {
        state: 'failed',
        listeningOn: null,
        message: startFailure(code, config.host.value, config.port.value),
      };
    }
    events.emit({ name: 'onboarding.changed', payload: {} });
  }

  async function stop() {
    flow.stop();
    const closing = server?.close();
    server = null;
    address.bound(null);
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
    const config = address.effective();
    return { ...config, status: { ...status, publicUrl: config.publicUrl.value } };
  }

  return {
    get,
    start: () => serially(start),
    stop: () => serially(stop),

    /** Saves the listener settings and, if it was running (or failed), restarts it with them. */
    async update(input: ListenerSettings, actor: Actor): Promise<OnboardingSettings> {
      address.save(input, actor);
      if (server || status.state === 'failed') {
        await serially(async () => {
          await stop();
          await start();
        });
      }
      events.emit({ name: 'onboarding.changed', payload: {} });
      return get();
    },
  };
}

export type OnboardingService = ReturnType<typeof createOnboardingService>;
