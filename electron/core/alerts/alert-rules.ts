import type { AlertKind } from '../../../shared/contract';
import type { Glance } from './glance';

/** One thing worth telling the operator about, before bursts are coalesced. */
export interface AlertEvent {
  kind: AlertKind;
  /** The account, Pool or invite it is about. */
  subjectId: string;
  /** How the subject reads in a sentence: an email or a Pool's name. */
  name: string;
  /** For capacity: percent left in the best 5-hour window. */
  percent?: number;
  /** For an accepted invite or a relink link: the Pool it was for. */
  poolName?: string;
  /** For a connected account: its receipt (plan and usage), when read in time. */
  receipt?: string;
}

/**
 * What changed between two glances that the operator should hear about: an account that now
 * needs its owner, a Pool that lost its last ready account, a Pool's capacity crossing the
 * threshold either way. Only crossings count, so a steady state raises nothing twice.
 */
export function alertsBetween(previous: Glance, next: Glance, thresholdPercent: number): AlertEvent[] {
  const events: AlertEvent[] = [];
  for (const account of next.accounts.values()) {
    if (account.broken && !previous.accounts.get(account.id)?.broken)
      events.push({ kind: 'relink_needed', subjectId: account.id, name: account.email });
  }
  for (const pool of next.pools.values()) {
    const before = previous.pools.get(pool.id);
    if (!before) continue;
    const about = { subjectId: pool.id, name: pool.name };
    if (pool.total > 0 && pool.ready === 0 && before.ready > 0) {
      events.push({ kind: 'pool_no_ready', ...about });
      continue;
    }
    if (before.best5hLeft === null || pool.best5hLeft === null) continue;
    if (before.best5hLeft >= thresholdPercent && pool.best5hLeft < thresholdPercent)
      events.push({ kind: 'pool_capacity_low', ...about, percent: pool.best5hLeft });
    else if (before.best5hLeft < thresholdPercent && pool.best5hLeft >= thresholdPercent)
      events.push({ kind: 'pool_capacity_recovered', ...about, percent: pool.best5hLeft });
  }
  return events;
}
