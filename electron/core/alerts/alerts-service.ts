import type { Foundation } from '../foundation';
import type { AlertSettings } from '../../../shared/contract';
import { CONSOLE_ACTOR } from '../audit/audit-log';
import { alertsBetween, type AlertEvent } from './alert-rules';
import { coalesce } from './coalesce';
import { createGlanceReader, type Glance } from './glance';
import { createPoolLookup } from '../rpc/pool-lookup';

export interface AlertTimings {
  /** How long after an account or Pool change the glance is read again (changes come in bursts). */
  glanceDelayMs: number;
  /** How long events gather before they are raised, coalesced per kind. */
  burstMs: number;
}

// A second between looks: alerts need no faster, and a 1,000-account quota sweep changes an
// account every few milliseconds.
const DEFAULT_TIMINGS: AlertTimings = { glanceDelayMs: 1000, burstMs: 2000 };

/**
 * Alerts: watches the accounts' health and the Pools' capacity (a glance read after changes,
 * compared with the last one) and the events worth a word (an invite accepted, a relink done),
 * and raises them coalesced per kind as `alerts.raised` with an `alert.raised` audit entry. It
 * runs after the writes that caused it, so a failure here never undoes or blocks them.
 */
export async function createAlerts(
  deps: Pick<Foundation, 'db' | 'events' | 'changes' | 'logger'> & {
    settings: { alerts(): Promise<AlertSettings> };
    /** The account's email, for an event that carries only its id. */
    emailOf(upstreamId: string): Promise<string | undefined>;
    /** The account's receipt line (plan and usage), once read. */
    receiptOf(upstreamId: string, email: string): Promise<string | null>;
    /** Accounts that now need their owner, and accounts that recovered: for the relink automation. */
    onBroken(ids: string[]): Promise<void>;
    onRecovered(ids: string[]): Promise<void>;
    timings?: Partial<AlertTimings>;
  },
) {
  const { events, changes, logger, settings } = deps;
  const timings = { ...DEFAULT_TIMINGS, ...deps.timings };
  const read = createGlanceReader(deps.db);
  const lookup = createPoolLookup(deps.db);
  let last: Glance = await read();
  const glanceListeners = new Set<(glance: Glance) => void>();
  let pending: AlertEvent[] = [];
  let glanceTimer: NodeJS.Timeout | null = null;
  let flushTimer: NodeJS.Timeout | null = null;
  /** Off on a server process that does not hold the jobs' lease: the holder raises each alert once. */
  let active = true;

  async function flush() {
    flushTimer = null;
    const gathered = pending;
    pending = [];
    // A connected account's receipt is read by now (the probe runs at once): the operator gets it too.
    const events = await Promise.all(
      gathered.map(async (e) =>
        e.kind === 'invite_accepted' || e.kind === 'relink_completed'
          ? { ...e, receipt: (await deps.receiptOf(e.subjectId, e.name)) ?? undefined }
          : e,
      ),
    );
    const subjects = [...new Set(events.map((e) => e.subjectId))];
    const poolsOf = new Map(
      await Promise.all(subjects.map(async (id) => [id, (await lookup.poolsOfUpstream(id)) ?? []] as const)),
    );
    const alerts = coalesce(events, (await settings.alerts()).enabled, (id) => poolsOf.get(id) ?? []);
    for (const alert of alerts) {
      try {
        await changes.write(async (write) => {
          await write.audit({
            actor: CONSOLE_ACTOR,
            action: 'alert.raised',
            targetType: 'alert',
            targetId: alert.kind,
            poolId: null,
            details: { kind: alert.kind, count: alert.count, title: alert.title },
          });
          write.emit({ name: 'alerts.raised', payload: alert });
        });
      } catch (err) {
        logger.warn({ err, kind: alert.kind }, 'an alert could not be raised');
      }
    }
  }

  function raise(...found: AlertEvent[]) {
    if (found.length === 0 || !active) return;
    pending.push(...found);
    flushTimer ??= setTimeout(() => {
      flush().catch((err: unknown) => logger.warn({ err }, 'alerts could not be raised'));
    }, timings.burstMs).unref();
  }

  async function look() {
    glanceTimer = null;
    try {
      const next = await read();
      const found = alertsBetween(last, next, (await settings.alerts()).capacityThresholdPercent);
      // No longer among the broken: recovered (or deleted, whose link is already revoked).
      const recovered = [...last.accounts.values()].filter((a) => a.broken && !next.accounts.get(a.id)?.broken);
      last = next;
      const broken = found.filter((e) => e.kind === 'relink_needed').map((e) => e.subjectId);
      // The relink automation runs beside the alerts (it may send email): its failures are its own to log.
      const failed = (err: unknown) => logger.warn({ err }, 'the relink automation failed');
      if (broken.length > 0) deps.onBroken(broken).catch(failed);
      if (recovered.length > 0) deps.onRecovered(recovered.map((a) => a.id)).catch(failed);
      raise(...found);
      for (const listener of glanceListeners) listener(next);
    } catch (err) {
      logger.warn({ err }, 'the accounts could not be looked over for alerts');
    }
  }

  const unsubscribe = events.subscribe((event) => {
    if (!active) return;
    switch (event.name) {
      case 'upstreams.changed':
      case 'pools.changed':
        glanceTimer ??= setTimeout(() => void look(), timings.glanceDelayMs).unref();
        return;
      case 'invites.accepted': {
        const { kind, upstreamId, email, poolName } = event.payload;
        const alertKind = kind === 'relink' ? 'relink_completed' : 'invite_accepted';
        raise({ kind: alertKind, subjectId: upstreamId, name: email, poolName });
        return;
      }
      case 'upstreams.relink':
        if (event.payload.state === 'connected') {
          const { upstreamId } = event.payload;
          void deps.emailOf(upstreamId).then(
            (email) => raise({ kind: 'relink_completed', subjectId: upstreamId, name: email ?? 'An account' }),
            (err: unknown) => logger.warn({ err }, 'a relink could not be announced'),
          );
        }
        return;
    }
  });

  return {
    /** The latest glance (per Pool: ready / total, capacity, soonest reset), for the tray. */
    glance: () => last,
    /** Follows each new glance; returns the unsubscribe. */
    onGlance(listener: (glance: Glance) => void) {
      glanceListeners.add(listener);
      return () => glanceListeners.delete(listener);
    },
    /** Raises alerts (the lease's holder) or not; taking over starts from what is true now. */
    async setActive(on: boolean) {
      if (on && !active) last = await read();
      active = on;
      if (on) return;
      if (glanceTimer) clearTimeout(glanceTimer);
      if (flushTimer) clearTimeout(flushTimer);
      glanceTimer = flushTimer = null;
      pending = [];
    },
    stop() {
      unsubscribe();
      if (glanceTimer) clearTimeout(glanceTimer);
      if (flushTimer) clearTimeout(flushTimer);
      glanceListeners.clear();
    },
  };
}
