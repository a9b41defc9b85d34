import type { Reach, TunnelState } from '../../../../shared/contract';
import type { Foundation } from '../../foundation';
import { findProgram } from './tunnel-detection';
import { runTunnel, type RunningTunnel, type TunnelTiming } from './tunnel-process';
import { TUNNEL_SPECS } from './tunnel-programs';

type TunnelReach = Extract<Reach, { mode: 'tunnel' }>;

const SYSTEM = { kind: 'system', name: 'Pooler Console' } as const;

/**
 * The one tunnel the console runs, if any: started for Tunnel mode, audited as it comes up, fails
 * or stops, and killed with the console (on quit here; on a crash by its keeper).
 */
export function createTunnelControl(
  deps: Pick<Foundation, 'changes' | 'env' | 'logger'> & {
    timing: TunnelTiming;
    /** Every change of the tunnel's state. */
    onState: (state: TunnelState | null) => void;
  },
) {
  const { changes, logger } = deps;
  let running: RunningTunnel | null = null;
  const killOnExit = () => running?.kill();

  async function audit(state: TunnelState): Promise<void> {
    const base = { actor: SYSTEM, targetType: 'settings', targetId: 'onboarding', poolId: null } as const;
    await changes.write(async (write) => {
      if (state.state === 'up' && state.url) {
        await write.audit({
          ...base,
          action: 'onboarding.tunnel_started',
          details: { program: state.program, url: state.url },
        });
      } else if (state.state === 'failed') {
        await write.audit({
          ...base,
          action: 'onboarding.tunnel_failed',
          details: { program: state.program, reason: state.message ?? 'unknown' },
        });
      } else if (state.state === 'stopped') {
        await write.audit({ ...base, action: 'onboarding.tunnel_stopped', details: { program: state.program } });
      }
    });
  }

  return {
    state: (): TunnelState | null => running?.state() ?? null,

    /** Starts the mode's program against the listener's port; resolves with its first up or failed. */
    start(reach: TunnelReach, port: number): Promise<TunnelState> {
      const command = findProgram(reach.program, deps.env, reach.path);
      if (!command) {
        const where = reach.path ? `at ${reach.path} (missing or not executable)` : 'on this machine';
        const failed: TunnelState = {
          program: reach.program,
          state: 'failed',
          url: null,
          message: `${reach.program} is not installed ${where}.`,
        };
        deps.onState(failed);
        return Promise.resolve(failed);
      }
      let previous: TunnelState['state'] | null = null;
      const tunnel = runTunnel({
        spec: TUNNEL_SPECS[reach.program],
        command,
        port,
        env: deps.env,
        timing: deps.timing,
        logger,
        onState: (state) => {
          if (state.state !== previous || state.state === 'up') {
            previous = state.state;
            if (state.state !== 'starting')
              audit(state).catch((err: unknown) => logger.warn({ err }, 'the tunnel change could not be audited'));
          }
          deps.onState(state);
        },
      });
      running = tunnel;
      process.on('exit', killOnExit);
      return tunnel.settled();
    },

    async stop(): Promise<void> {
      const tunnel = running;
      running = null;
      process.off('exit', killOnExit);
      if (tunnel) await tunnel.stop();
      deps.onState(null);
    },
  };
}
