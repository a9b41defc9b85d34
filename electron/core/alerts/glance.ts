import { RELINK_AFTER_FAILURES } from '../../../shared/accounts/needs-relink';
import { sql } from 'kysely';
import type { DialectName, SqlDatabase } from '../db/sql/sql-database';

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
}

/** What alerts and the tray look at: the accounts that need their owner, and every active Pool's capacity. */
export interface Glance {
  /** Only accounts that need their owner: one that is absent is fine (or gone). */
  accounts: Map<string, AccountGlance>;
  pools: Map<string, PoolGlance>;
}

/** Needs its owner (see `needsRelink`), in SQL: the glance reads only those accounts. */
const BROKEN = `handed_off_at IS NULL AND (credential_state = 'reauth_required'
  OR (credential_state = 'refresh_failed' AND refresh_failures >= ${RELINK_AFTER_FAILURES}))`;
/** Its credentials work: counted as ready, and its 5-hour window counts toward the Pool's capacity. */
const READY = `u.handed_off_at IS NULL AND (u.credential_state = 'ready'
  OR (u.credential_state = 'refresh_failed' AND u.refresh_failures < ${RELINK_AFTER_FAILURES}))`;

/** Each quota reading's 5-hour window, as rows (upstream_id, used, reset): JSON, spelled per database. */
const FIVE_HOUR_WINDOWS: Record<DialectName, string> = {
  sqlite: `SELECT q.upstream_id, json_extract(j.value, '$.usedPercent') AS used, json_extract(j.value, '$.resetAt') AS reset
    FROM upstream_quota q, json_each(q.windows) j WHERE json_extract(j.value, '$.seconds') = ${FIVE_HOURS_S}`,
  postgres: `SELECT q.upstream_id, (j ->> 'usedPercent')::float8 AS used, (j ->> 'resetAt')::bigint AS reset
    FROM upstream_quota q, jsonb_array_elements(q.windows::jsonb) j WHERE (j ->> 'seconds')::bigint = ${FIVE_HOURS_S}`,
};

type PoolRow = Omit<PoolGlance, 'best5hLeft' | 'soonestReset'> & { best: number | null; soonest: number | null };

/**
 * Reads the glance: the broken accounts, and each active Pool's counts and capacity, aggregated
 * in the database (the 5-hour window picked out of each reading), so a look during a
 * 1,000-account quota sweep costs a few milliseconds, not a parse of every reading in JavaScript.
 */
export function createGlanceReader(db: SqlDatabase) {
  const pools = sql<PoolRow>`SELECT p.id, p.name, count(u.id) AS total, count(CASE WHEN ${sql.raw(READY)} THEN 1 END) AS ready,
       max(CASE WHEN ${sql.raw(READY)} THEN 100 - w.used END) AS best,
       min(CASE WHEN ${sql.raw(READY)} THEN w.reset END) AS soonest
     FROM pools p
       LEFT JOIN upstream_pools up ON up.pool_id = p.id
       LEFT JOIN upstreams u ON u.id = up.upstream_id
       LEFT JOIN (${sql.raw(FIVE_HOUR_WINDOWS[db.dialect])}) w ON w.upstream_id = u.id
     WHERE p.status = 'active'
     GROUP BY p.id, p.name`;

  return async (): Promise<Glance> => {
    const broken = await sql<{
      id: string;
      email: string;
    }>`SELECT id, email FROM upstreams WHERE ${sql.raw(BROKEN)}`.execute(db.q());
    const counted = await pools.execute(db.q());
    return {
      accounts: new Map(broken.rows.map((a) => [a.id, { ...a, broken: true }])),
      pools: new Map(
        counted.rows.map(({ best, soonest, ...pool }) => [
          pool.id,
          { ...pool, best5hLeft: best, soonestReset: soonest },
        ]),
      ),
    };
  };
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
