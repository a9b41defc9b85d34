import { createInterface } from 'node:readline';
import type { TunnelState } from '../../../../shared/contract';
import type { Logger } from '../../log/logger';
import { signalGroup, spawnKept, type KeptProcess } from './tunnel-keeper';
import { isHttpsOrigin, outputOf, type TunnelProgramSpec } from './tunnel-programs';

export interface TunnelTiming {
  /** How long a start may take to report its address. */
  urlTimeoutMs: number;
  /** Waits before each restart after an exit; when they run out, the tunnel has failed. */
  restartBackoffMs: number[];
  /** Up this long, a later exit starts the backoff afresh. */
  stableAfterMs: number;
  /** After SIGTERM, how long before SIGKILL (cloudflared waits for in-flight requests). */
  stopGraceMs: number;
}

export const DEFAULT_TUNNEL_TIMING: TunnelTiming = {
  urlTimeoutMs: 30_000,
  restartBackoffMs: [1_000, 5_000, 15_000],
  stableAfterMs: 60_000,
  stopGraceMs: 3_000,
};

export interface TunnelOptions {
  spec: TunnelProgramSpec;
  /** The program's resolved path. */
  command: string;
  port: number;
  env: NodeJS.ProcessEnv;
  timing: TunnelTiming;
  logger: Logger;
  /** Every state change, in order. */
  onState: (state: TunnelState) => void;
}

const LAST_LINE_MAX = 300;

/**
 * One tunnel program as a kept child process: started, read for its address, restarted with
 * backoff when it exits, and failed with its last output line when restarts run out, it prints
 * no address in time, or it says something a restart cannot fix.
 */
export function runTunnel(options: TunnelOptions) {
  const { spec, timing, logger } = options;
  let state: TunnelState = { program: spec.program, state: 'starting', url: null, message: null };
  let child: KeptProcess | null = null;
  let stopped = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;
  let firstSettled: (s: TunnelState) => void = () => undefined;
  const settled = new Promise<TunnelState>((resolve) => (firstSettled = resolve));

  const set = (next: TunnelState) => {
    state = next;
    if (next.state === 'up' || next.state === 'failed') firstSettled(next);
    options.onState(next);
  };
  const clearTimer = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };

  function fail(reason: string) {
    clearTimer();
    const running = child;
    child = null;
    if (running) stopChild(running);
    set({ program: spec.program, state: 'failed', url: null, message: reason });
  }

  function stopChild(running: KeptProcess) {
    running.stdin.destroy();
    signalGroup(running, 'SIGTERM');
    const kill = setTimeout(() => signalGroup(running, 'SIGKILL'), timing.stopGraceMs);
    running.once('exit', () => clearTimeout(kill));
  }

  function start() {
    attempt += 1;
    let url: string | null = null;
    let ready = false;
    let upAt: number | null = null;
    let lastLine = '';
    const running = spawnKept(options.command, spec.args(options.port), options.env);
    child = running;
    running.stdin.on('error', () => undefined);
    timer = setTimeout(
      () => fail(`${spec.program} reported no public address within ${Math.round(timing.urlTimeoutMs / 1000)} s.`),
      timing.urlTimeoutMs,
    );

    const goUp = (publicUrl: string) => {
      if (child !== running) return;
      if (!isHttpsOrigin(publicUrl)) {
        fail(
          `${spec.program} reported an address that is not an https origin: ${publicUrl.slice(0, 120) || '(empty)'}`,
        );
        return;
      }
      clearTimer();
      upAt = Date.now();
      set({ program: spec.program, state: 'up', url: publicUrl.replace(/\/+$/, ''), message: null });
    };

    const onLine = (line: string) => {
      if (child !== running || stopped) return;
      if (line.trim()) lastLine = line.trim().slice(0, LAST_LINE_MAX);
      const signal = spec.read(line);
      if (signal.kind === 'fatal') return fail(signal.reason);
      if (signal.kind === 'url') url = signal.url;
      if (signal.kind === 'ready') ready = true;
      if (state.state === 'up') return;
      // ngrok's record is both; cloudflared's banner comes before its connection registers.
      const readyNow = ready || (signal.kind === 'url' && signal.ready);
      if (readyNow && url !== null) goUp(url);
      else if (readyNow && spec.urlAfterReady) {
        const after = spec.urlAfterReady;
        void outputOf(options.command, after.args, options.env, 10_000).then((out) => goUp(after.parse(out) ?? ''));
      }
    };
    createInterface({ input: running.stdout }).on('line', onLine);
    createInterface({ input: running.stderr }).on('line', onLine);

    running.on('exit', (code) => {
      if (child !== running || stopped) return;
      child = null;
      clearTimer();
      const said = lastLine ? `: ${lastLine}` : '';
      if (code === 0 && upAt === null && spec.cleanExitBeforeUp) return fail(`${spec.cleanExitBeforeUp}${said}`);
      if (upAt !== null && Date.now() - upAt >= timing.stableAfterMs) attempt = 0;
      const wait = timing.restartBackoffMs[attempt - 1];
      logger.warn({ program: spec.program, code, attempt }, 'tunnel program exited');
      if (wait === undefined) return fail(`${spec.program} kept exiting (code ${code ?? 'signal'})${said}`);
      set({
        program: spec.program,
        state: 'starting',
        url: null,
        message: `${spec.program} exited${said}. Starting it again in ${Math.ceil(wait / 1000)} s.`,
      });
      timer = setTimeout(start, wait);
    });
  }

  start();

  return {
    state: () => state,
    /** Resolves with the first `up` or `failed`. */
    settled: () => settled,
    /** Stops it for good (and its program); resolves when the keeper has exited. */
    async stop(): Promise<void> {
      stopped = true;
      clearTimer();
      const running = child;
      child = null;
      if (state.state !== 'failed') set({ program: spec.program, state: 'stopped', url: null, message: null });
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      stopChild(running);
      await exited;
    },
    /** Synchronous, for process exit: the group is signalled now. */
    kill() {
      if (child) signalGroup(child, 'SIGKILL');
    },
  };
}

export type RunningTunnel = ReturnType<typeof runTunnel>;
