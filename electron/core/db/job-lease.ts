import type pg from 'pg';
import { loadPg } from './sql/postgres';
import type { Logger } from '../log/logger';

/** Any number, the same in every process of one database: who runs the background jobs. */
const JOBS_LOCK = 0x6a6f6273;

export interface JobLease {
  /** Whether this process runs the background jobs now. */
  held(): boolean;
  stop(): Promise<void>;
}

/**
 * Background jobs (refreshes, quota reads, device-code polling, sweeps, alerts) run on exactly one
 * server process of a PostgreSQL database at a time: the one holding a session advisory lock on a
 * connection of its own. When that process dies its connection closes and PostgreSQL lets the lock
 * go; another process takes it at its next try, within `everyMs`. A holder whose connection fails
 * stops its jobs first, then tries again like the others.
 */
export function startJobLease(deps: {
  url: string;
  everyMs: number;
  logger: Logger;
  onGained(): Promise<void> | void;
  onLost(): Promise<void> | void;
}): JobLease {
  const { logger } = deps;
  let client: pg.Client | null = null;
  let holding = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();

  async function lose(reason: string) {
    const had = holding;
    holding = false;
    const dead = client;
    client = null;
    await dead?.end().catch(() => undefined);
    if (had) {
      logger.warn({ reason }, 'background jobs stopped here: the lease was lost');
      await deps.onLost();
    }
  }

  async function tick() {
    if (stopped) return;
    try {
      if (!client) {
        const fresh = new (await loadPg()).Client({ connectionString: deps.url });
        fresh.on('error', (err) => logger.warn({ err: err.message }, 'the job lease connection dropped'));
        await fresh.connect();
        client = fresh;
      }
      if (holding) {
        await client.query('SELECT 1');
        return;
      }
      const { rows } = await client.query<{ taken: boolean }>('SELECT pg_try_advisory_lock($1) AS taken', [JOBS_LOCK]);
      if (rows[0]?.taken && !stopped) {
        holding = true;
        logger.info({}, 'background jobs run here: this process holds the lease');
        await deps.onGained();
      }
    } catch (err) {
      await lose((err as Error).message);
    }
  }

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(schedule);
    }, deps.everyMs);
    timer.unref();
  };
  running = tick().finally(schedule);

  return {
    held: () => holding,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      const had = holding;
      holding = false;
      await client?.end().catch(() => undefined);
      if (had) await deps.onLost();
    },
  };
}
