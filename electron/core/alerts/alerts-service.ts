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
export function createAlerts(
  deps: Pick<Foundation, 'db' | 'events' | 'changes' | 'logger'> & {
    settings: { alerts(): AlertSettings };
    /** The account's email, for an event that carries only its id. */
    emailOf(upstreamId: string): string | undefined;
    /** The account's receipt line (plan and usage), once read. */
    receiptOf(upstreamId: string, email: string): string | null;
    /** Accounts that now need their owner, and accounts that recovered: for the relink automation. */
    onBroken(ids: string[]): void;
    onRecovered(ids: string[]): void;
    timings?: Partial<AlertTimings>;
  },
) {
  const { events, changes, logger, settings } = deps;
  const timings = { ...DEFAULT_TIMINGS, ...deps.timings };
  const read = createGlanceReader(deps.db);
  const lookup = createPoolLookup(deps.db);
  let last: Glance = read();
  const glanceListeners = new Set<(glance: Glance) => void>();
  let pending: AlertEvent[] = [];
  let glanceTimer: NodeJS.Timeout | null = null;
  let flushTimer: NodeJS.Timeout | null = null;

  function flush() {
    flushTimer = null;
    // A connected account's receipt is read by now (the probe runs at once): the operator gets it too.
    const events = pending.map((e) =>
      e.kind === 'invite_accepted' || e.kind === 'relink_completed'
        ? { ...e, receipt: deps.receiptOf(e.subjectId, e.name) ?? undefined }
        : e,
    );
    const alerts = coalesce(events, settings.alerts().enabled, (id) => lookup.poolsOfUpstream(id) ?? []);
    pending = [];
    for (const alert of alerts) {
      try {
        changes.write((write) => {
          write.audit({
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
    if (found.length === 0) return;
    pending.push(...found);
    flushTimer ??= setTimeout(flush, timings.burstMs).unref();
  }

  function look() {
    glanceTimer = null;
    try {
      const next = read();
      const found = alertsBetween(last, next, settings.alerts().capacityThresholdPercent);
      // No longer among the broken: recovered (or deleted, whose link is already revoked).
      const recovered = [...last.accounts.values()].filter((a) => a.broken && !next.accounts.get(a.id)?.broken);
      last = next;
      const broken = found.filter((e) => e.kind === 'relink_needed').map((e) => e.subjectId);
      if (broken.length > 0) deps.onBroken(broken);
      if (recovered.length > 0) deps.onRecovered(recovered.map((a) => a.id));
      raise(...found);
      for (const listener of glanceListeners) listener(next);
    } catch (err) {
      logger.warn({ err }, 'the accounts could not be looked over for alerts');
    }
  }

  const unsubscribe = events.subscribe((event) => {
    switch (event.name) {
      case 'upstreams.changed':
      case 'pools.changed':
        glanceTimer ??= setTimeout(look, timings.glanceDelayMs).unref();
        return;
      case 'invites.accepted': {
        const { kind, upstreamId, email, poolName } = event.payload;
        const alertKind = kind === 'relink' ? 'relink_completed' : 'invite_accepted';
        raise({ kind: alertKind, subjectId: upstreamId, name: email, poolName });
        return;
      }
      case 'upstreams.relink':
        if (event.payload.state === 'connected') {
          const email = deps.emailOf(event.payload.upstreamId) ?? 'An account';
          raise({ kind: 'relink_completed', subjectId: event.payload.upstreamId, name: email });
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
    stop() {
      unsubscribe();
      if (glanceTimer) clearTimeout(glanceTimer);
      if (flushTimer) clearTimeout(flushTimer);
      glanceListeners.clear();
    },
  };
}
