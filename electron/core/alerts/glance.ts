import { needsRelink } from '../../../shared/accounts/needs-relink';
import type { QuotaWindow } from '../../../shared/contract';
import type { Db } from '../db/open-database';

/** The 5-hour window, by its length as the usage endpoint reports it (reference §9). */
const FIVE_HOURS_S = 5 * 3600;

export interface AccountGlance {
  id: string;
  email: string;
  /** Its owner must sign in again, and not because the operator handed it over. */
  broken: boolean;
}

export interface PoolGlance {
  id: string;
  name: string;
  total: number;
  /** Accounts whose credentials work now. */
  ready: number;
  /** Percent left in the best 5-hour window among its ready accounts; null before any reading. */
  best5hLeft: number | null;
  /** The soonest 5-hour reset among its ready accounts (Unix ms), or null. */
  soonestReset: number | null;
  /** Accounts in it whose owner must sign in again. */
  broken: number;
}

/** What alerts and the tray look at: every account's health and every active Pool's capacity. */
export interface Glance {
  accounts: Map<string, AccountGlance>;
  pools: Map<string, PoolGlance>;
}

interface Row {
  id: string;
  email: string;
  credential_state: string;
  refresh_failures: number;
  handed_off_at: number | null;
  windows: string | null;
  pools: string | null;
}

/** Reads the glance in one query; Pools that are not active are left out. */
export function createGlanceReader(db: Db) {
  const accounts = db.prepare<[], Row>(
    `SELECT u.id, u.email, u.credential_state, u.refresh_failures, u.handed_off_at, q.windows,
       (SELECT json_group_array(up.pool_id) FROM upstream_pools up WHERE up.upstream_id = u.id) AS pools
     FROM upstreams u LEFT JOIN upstream_quota q ON q.upstream_id = u.id`,
  );
  const pools = db.prepare<[], { id: string; name: string }>("SELECT id, name FROM pools WHERE status = 'active'");

  return (): Glance => {
    const glance: Glance = { accounts: new Map(), pools: new Map() };
    for (const p of pools.all()) {
      glance.pools.set(p.id, { ...p, total: 0, ready: 0, best5hLeft: null, soonestReset: null, broken: 0 });
    }
    for (const row of accounts.all()) {
      const handedOff = row.handed_off_at !== null;
      const relink = needsRelink({
        credentialState: row.credential_state,
        refreshFailures: row.refresh_failures,
        handedOff,
      });
      glance.accounts.set(row.id, { id: row.id, email: row.email, broken: relink && !handedOff });
      const ready = !relink && (row.credential_state === 'ready' || row.credential_state === 'refresh_failed');
      const window = ready ? fiveHourWindow(row.windows) : undefined;
      for (const poolId of JSON.parse(row.pools ?? '[]') as string[]) {
        const pool = glance.pools.get(poolId);
        if (!pool) continue;
        pool.total += 1;
        if (relink) pool.broken += 1;
        if (!ready) continue;
        pool.ready += 1;
        if (!window) continue;
        const left = 100 - window.usedPercent;
        pool.best5hLeft = pool.best5hLeft === null ? left : Math.max(pool.best5hLeft, left);
        if (window.resetAt !== null)
          pool.soonestReset = pool.soonestReset === null ? window.resetAt : Math.min(pool.soonestReset, window.resetAt);
      }
    }
    return glance;
  };
}

function fiveHourWindow(windows: string | null): QuotaWindow | undefined {
  return windows ? (JSON.parse(windows) as QuotaWindow[]).find((w) => w.seconds === FIVE_HOURS_S) : undefined;
}

/** The glance as the tray shows it: each active Pool by name, and how many accounts need their owner. */
export interface GlanceSummary {
  pools: Pick<PoolGlance, 'id' | 'name' | 'ready' | 'total' | 'soonestReset'>[];
  needsRelink: number;
}

export function summarise(glance: Glance): GlanceSummary {
  return {
    pools: [...glance.pools.values()]
      .map(({ id, name, ready, total, soonestReset }) => ({ id, name, ready, total, soonestReset }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    needsRelink: [...glance.accounts.values()].filter((a) => a.broken).length,
  };
}
