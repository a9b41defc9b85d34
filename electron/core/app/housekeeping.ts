import type { Logger } from '../log/logger';

const EVERY_MS = 60_000;

/** A small periodic job; returns how many things it changed, for the log. */
export interface Chore {
  name: string;
  run(): Promise<number> | number;
}

/**
 * Runs each chore now and every minute: storing lapsed invites as expired, sweeping old
 * onboarding sessions. A failing chore is logged and tried again next time; the others still run.
 * Returns the function that stops it.
 */
export function startHousekeeping(chores: Chore[], logger: Logger): () => void {
  // Each chore starts at once: a backup begins before the first query answers.
  const runAll = () =>
    Promise.all(
      chores.map(async (chore) => {
        try {
          const changed = await chore.run();
          if (changed > 0) logger.debug({ chore: chore.name, changed }, 'housekeeping');
        } catch (err) {
          logger.warn({ err, chore: chore.name }, 'housekeeping chore failed');
        }
      }),
    );
  void runAll();
  const timer = setInterval(() => void runAll(), EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
