import { randomBytes } from 'node:crypto';
import type { Foundation } from '../foundation';
import type { OnboardingSettings, Reach, Reachability, TunnelState } from '../../../shared/contract';
import type { Actor } from '../audit/audit-log';
import { AppError } from '../errors';
import type { ListenerAddress, ListenerSettings } from './listener-address';
import type { OnboardingFlow } from './onboarding-flow';
import type { OnboardingLimits } from './onboarding-limits';
import { loadOnboardingPage } from './onboarding-page';
import { startOnboardingServer, type OnboardingServer } from './onboarding-server';
import { TRUST_NOBODY, trustAddress, trustLoopback, type ProxyTrust } from './reach/client-address';
import { listNetworkAddresses, scopeOf, type InterfaceSource } from './reach/network-addresses';
import { checkReachability } from './reach/reachability';
import { createTunnelControl } from './reach/tunnel-control';
import { detectTunnelPrograms } from './reach/tunnel-detection';
import type { TunnelTiming } from './reach/tunnel-process';

type Status = Omit<OnboardingSettings['status'], 'publicUrl'>;

export interface ReachOptions {
  /** Where this machine's addresses come from (tests swap in a changing list). */
  interfaces: InterfaceSource | undefined;
  tunnelTiming: TunnelTiming;
  /** The reachability check: how often, and how long one may take. */
  checkEveryMs: number;
  checkTimeoutMs: number;
  /** An extra certificate authority the check trusts (tests' stand-in tunnels). */
  checkCa: string | undefined;
  /** How often to look whether a Local network address is still there. */
  addressWatchMs: number;
}

const UNCHECKED: Reachability = {
  state: 'unchecked',
  url: null,
  checkedAt: null,
  roundTripMs: null,
  failure: null,
  detail: null,
};

/** Why the listener could not start, in the operator's terms. */
function startFailure(code: string | undefined, host: string, port: string): string {
  if (code === 'EADDRINUSE') {
    return `Port ${port} is already in use (another Pooler Console?). Invite links cannot be opened until the onboarding port is free or changed.`;
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return `This machine has no address ${host} to listen on.`;
  return `The onboarding listener could not start on ${host}:${port}.`;
}

function trustFor(reach: Reach): ProxyTrust {
  if (reach.mode === 'tunnel') return trustLoopback();
  if (reach.mode === 'proxy' && reach.trustedProxy) return trustAddress(reach.trustedProxy);
  return TRUST_NOBODY;
}

/**
 * The onboarding listener's lifecycle and how invitees reach it: the mode's bind address, the
 * tunnel in Tunnel mode, and the reachability check of the public address.
 */
export function createOnboardingService(
  deps: Pick<Foundation, 'events' | 'logger' | 'changes' | 'env' | 'now'> & {
    address: ListenerAddress;
    flow: OnboardingFlow;
    rendererDir: string | undefined;
    limits: OnboardingLimits;
    reach: ReachOptions;
  },
) {
  const { address, events, logger, flow } = deps;
  // Per start: /onboarding/health answers with it, so a check knows this console answered.
  const nonce = randomBytes(16).toString('base64url');
  let server: OnboardingServer | null = null;
  let boundHost: string | null = null;
  let status: Status = { state: 'stopped', listeningOn: null, message: null };
  let reachability: Reachability = UNCHECKED;
  let tunnels: OnboardingSettings['tunnels'] | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let checking: Promise<void> | null = null;
  let timers: NodeJS.Timeout[] = [];
  let started = false;

  const announce = () => events.emit({ name: 'onboarding.reach', payload: { tunnel: tunnel.state(), reachability } });

  const tunnel = createTunnelControl({
    ...deps,
    timing: deps.reach.tunnelTiming,
    onState: (state: TunnelState | null) => {
      // The public address moved: links made from now on, and which old ones still work.
      if (address.tunnel(state?.state === 'up' ? state.url : null))
        events.emit({ name: 'onboarding.changed', payload: {} });
      announce();
      if (state?.state === 'up') void check();
    },
  });

  async function startListener() {
    const config = await address.effective();
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
        trust: trustFor(config.reach),
        healthNonce: nonce,
      });
      boundHost = config.host.value;
      address.bound(server.port);
      status = { state: 'listening', listeningOn: `${config.host.value}:${server.port}`, message: null };
      await flow.resume();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      logger.error({ code, where: `${config.host.value}:${config.port.value}` }, 'onboarding listener failed to start');
      status = {
        state: 'failed',
        listeningOn: null,
        message: startFailure(code, config.host.value, config.port.value),
      };
    }
  }

  async function stopListener() {
    flow.stop();
    const closing = server?.close();
    server = null;
    boundHost = null;
    address.bound(null);
    status = { state: 'stopped', listeningOn: null, message: null };
    await closing;
  }

  /** Listener, then the mode's tunnel; resolves with the tunnel's first state in Tunnel mode. */
  async function start(): Promise<TunnelState | null> {
    started = true;
    await startListener();
    events.emit({ name: 'onboarding.changed', payload: {} });
    const { reach } = await address.effective();
    if (reach.mode === 'tunnel' && server) return tunnel.start(reach, server.port);
    void check();
    return null;
  }

  async function stop() {
    await tunnel.stop();
    await stopListener();
  }

  /** One start or stop at a time, in order: a settings change mid-start waits its turn. */
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  async function runCheck() {
    const { publicUrl, reach } = await address.effective();
    if (!server) {
      reachability = { ...UNCHECKED, state: 'unreachable', detail: 'The invite-link listener is not running.' };
    } else if (reach.mode === 'tunnel' && tunnel.state()?.state !== 'up') {
      reachability = { ...UNCHECKED, state: 'unreachable', detail: 'The tunnel is not up.' };
    } else {
      reachability = { ...reachability, state: 'checking', url: `${publicUrl.value}/onboarding/health` };
      announce();
      reachability = await checkReachability(publicUrl.value, nonce, deps.now, {
        timeoutMs: deps.reach.checkTimeoutMs,
        ca: deps.reach.checkCa,
      });
    }
    announce();
  }

  /** Checks now; a check already running is shared, not repeated. */
  function check(): Promise<void> {
    checking ??= runCheck().finally(() => (checking = null));
    return checking;
  }

  /** A Local network address that came or went: serve on what is there now. */
  async function watchAddress() {
    const wanted = (await address.effective()).host.value;
    if (!server || wanted === boundHost) return;
    logger.warn({ from: boundHost, to: wanted }, 'listen address changed; restarting');
    void serially(async () => {
      await stopListener();
      await startListener();
      events.emit({ name: 'onboarding.changed', payload: {} });
      void check();
    });
  }

  function notice(missing: string | null): string | null {
    if (!missing) return null;
    return `The address ${missing} is no longer on this machine (did the network change?). Invite links are served on 127.0.0.1 until it returns, so only this computer can open them.`;
  }

  async function get(): Promise<OnboardingSettings> {
    const { reach, missing, ...config } = await address.effective();
    tunnels ??= await detectTunnelPrograms(deps.env, reach.mode === 'tunnel' ? { [reach.program]: reach.path } : {});
    return {
      ...config,
      reach,
      scope: scopeOf(config.publicUrl.value),
      notice: notice(missing),
      status: { ...status, publicUrl: config.publicUrl.value },
      addresses: listNetworkAddresses(deps.reach.interfaces),
      tunnels,
      tunnel: tunnel.state(),
      reachability,
    };
  }

  /** Refuses a mode that cannot work here before anything changes. */
  function validate(reach: Reach) {
    const present = (ip: string) => listNetworkAddresses(deps.reach.interfaces).some((a) => a.address === ip);
    if (reach.mode === 'network' && !present(reach.address)) {
      const message = `This machine has no address ${reach.address}.`;
      throw new AppError('validation_failed', message, { 'reach.address': message });
    }
    if (reach.mode === 'proxy' && reach.listenOn && !present(reach.listenOn)) {
      const message = `This machine has no address ${reach.listenOn}.`;
      throw new AppError('validation_failed', message, { 'reach.listenOn': message });
    }
  }

  return {
    get,
    status: (): Status => ({ ...status }),
    start: () => serially(start),
    stop: () =>
      serially(async () => {
        for (const t of timers) clearInterval(t);
        timers = [];
        await stop();
      }),
    /** Periodic work: the reachability check, and a Local network address that may come and go. */
    watch() {
      timers.push(setInterval(() => void check(), deps.reach.checkEveryMs).unref());
      const unwatched = (err: unknown) => logger.warn({ err }, 'the listen address could not be checked');
      timers.push(setInterval(() => void watchAddress().catch(unwatched), deps.reach.addressWatchMs).unref());
    },

    /** Checks the public address now, and looks for tunnel programs again. */
    async check(): Promise<OnboardingSettings> {
      tunnels = null;
      await check();
      return get();
    },

    /**
     * Switches to a new mode: the listener restarts with it and, in Tunnel mode, the tunnel must
     * come up. If it does not, the previous mode is put back and nothing is saved.
     */
    async update(input: ListenerSettings, actor: Actor): Promise<OnboardingSettings> {
      validate(input.reach);
      if (!started) {
        await address.save(input, actor);
        return get();
      }
      const failed = await serially(async () => {
        await stop();
        address.preview(input);
        const first = await start();
        if (first?.state !== 'failed') {
          await address.save(input, actor);
          return null;
        }
        await stop();
        address.preview(null);
        await start();
        return first;
      });
      if (failed) throw new AppError('tunnel_failed', failed.message ?? `${failed.program} did not start.`);
      tunnels = null;
      events.emit({ name: 'onboarding.changed', payload: {} });
      return get();
    },
  };
}

export type OnboardingService = ReturnType<typeof createOnboardingService>;
