import type { Logger } from '../log/logger';
import type { InvitesService } from './invites-service';

const SWEEP_INTERVAL_MS = 60_000;

/** Stores lapsed invites as expired now and every minute; returns the function that stops it. */
export function startLapseSweeper(invites: InvitesService, logger: Logger): () => void {
  const sweep = () => {
    try {
      const stored = invites.sweepLapsed();
      if (stored > 0) logger.debug({ stored }, 'stored lapsed invites as expired');
    } catch (err) {
      logger.warn({ err }, 'invite expiry sweep failed');
    }
  };
  sweep();
  const timer = setInterval(sweep, SWEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
