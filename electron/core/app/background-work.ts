import type { CoreServices } from '../create-core';
import { startHousekeeping } from './housekeeping';

/** How often the lease's holder looks for invite sessions another server process started. */
const ADOPT_EVERY_MS = 1_000;
/** A refresh mark older than this is from a server that stopped (a refresh request times out long before). */
export const REFRESH_OUTLIVED_MS = 2 * 60_000;

/**
 * The work a core does on its own: sweeps and backups, token refreshes and quota reads, alerts,
 * and device-code polling. A desktop console or a lone server starts it at once; on a PostgreSQL
 * database shared by several servers only the jobs' lease holder runs it (see job-lease.ts).
 */
export function backgroundWork(services: CoreServices) {
  const { config, logger, invites, upstreams, alerts, flow, backups } = services;
  let stopHousekeeping: (() => void) | null = null;
  let adopting: NodeJS.Timeout | null = null;
  const adopt = () =>
    flow.adopt().catch((err: unknown) => logger.warn({ err }, 'other servers’ invite sessions not picked up'));

  return {
    async start(options: { shared: boolean }) {
      stopHousekeeping = startHousekeeping(
        [
          { name: 'store lapsed invites as expired', run: () => invites.sweepLapsed() },
          { name: 'sweep old onboarding sessions', run: () => flow.sweepSessions() },
          ...(backups ? [{ name: 'back the database up once a day', run: () => (backups.dailyIfDue() ? 1 : 0) }] : []),
          // Servers sharing a database: a refresh mark its server died holding is found here.
          ...(options.shared
            ? [
                {
                  name: 'mark refreshes that outlived their server',
                  run: () => upstreams.recoverInterrupted(services.now() - REFRESH_OUTLIVED_MS),
                },
              ]
            : []),
        ],
        logger,
      );
      if (config.backgroundJobs ?? true) upstreams.jobs.start();
      await alerts.setActive(true);
      await flow.lease(true);
      if (options.shared) adopting = setInterval(() => void adopt(), ADOPT_EVERY_MS).unref();
    },
    async stop() {
      stopHousekeeping?.();
      stopHousekeeping = null;
      if (adopting) clearInterval(adopting);
      adopting = null;
      upstreams.jobs.stop();
      await alerts.setActive(false);
      await flow.lease(false);
    },
  };
}
