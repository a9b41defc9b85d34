import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { loadPg } from '../db/sql/postgres';
import type { PoolerEvent } from '../../../shared/contract';
import type { Logger } from '../log/logger';
import type { EventBus } from './event-bus';

/** The channel every server process of one database announces its changes on. */
const CHANNEL = 'pooler_events';
const RETRY_MS = [250, 500, 1_000, 2_000, 5_000];

interface Notice {
  origin: string;
  event: PoolerEvent;
}

/**
 * Several server processes on one PostgreSQL database: each process's events reach the others
 * (NOTIFY, in the order they were emitted), and theirs arrive here (LISTEN on a connection of its
 * own, opened again if it drops) and are emitted on this bus, so every console connected to any
 * process hears of every change. A process never hears its own notices back.
 */
export function startEventFanOut(deps: { events: EventBus; pool: pg.Pool; url: string; logger: Logger }) {
  const { events, pool, logger } = deps;
  const origin = randomBytes(8).toString('hex');
  let relaying = false;
  let stopped = false;
  let listener: pg.Client | null = null;
  let sent = Promise.resolve();

  const unsubscribe = events.subscribe((event) => {
    if (relaying) return;
    const payload = JSON.stringify({ origin, event } satisfies Notice);
    sent = sent
      .then(() => pool.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]))
      .then(
        () => undefined,
        (err: unknown) => logger.warn({ err, event: event.name }, 'an event could not reach the other servers'),
      );
  });

  function relay(text: string | undefined) {
    let notice: Notice;
    try {
      notice = JSON.parse(text ?? '') as Notice;
    } catch {
      return;
    }
    if (notice.origin === origin) return;
    relaying = true;
    try {
      events.emit(notice.event);
    } finally {
      relaying = false;
    }
  }

  async function listen(attempt = 0): Promise<void> {
    if (stopped) return;
    const client = new (await loadPg()).Client({ connectionString: deps.url });
    client.on('notification', (message) => relay(message.payload));
    client.on('error', (err) => logger.warn({ err: err.message }, 'the event connection to PostgreSQL dropped'));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'could not listen for the other servers’ events');
      await client.end().catch(() => undefined);
      const wait = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]!;
      if (!stopped) setTimeout(() => void listen(attempt + 1), wait).unref();
      return;
    }
    if (stopped) return void (await client.end());
    listener = client;
    // A dropped connection is opened again; what was announced meanwhile is missed, as by a console
    // whose stream dropped: consoles read everything again when their own stream reopens.
    client.on('end', () => {
      if (listener === client) listener = null;
      if (!stopped) setTimeout(() => void listen(), RETRY_MS[0]).unref();
    });
  }

  return {
    /** Resolves once this process listens (a first connection made). */
    ready: listen(),
    async stop() {
      stopped = true;
      unsubscribe();
      await sent;
      await listener?.end().catch(() => undefined);
    },
  };
}
