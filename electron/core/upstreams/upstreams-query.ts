import type { CredentialState, QuotaWindow, UpstreamRow } from '../../../shared/contract';
import { needsRelink } from '../../../shared/accounts/needs-relink';
import { sql } from 'kysely';
import type { DialectName, SqlDatabase } from '../db/sql/sql-database';
import type { PoolScope } from '../rpc/caller';
import { REFRESH_WINDOW_MS } from './upstreams-store';

interface ListRow {
  id: string;
  email: string;
  plan_type: string | null;
  chatgpt_account_id: string;
  credential_state: Exclude<CredentialState, 'refresh_due' | 'handed_off'>;
  credential_reason: string | null;
  refresh_failures: number;
  handed_off_at: number | null;
  last_export_at: number | null;
  relink_id: string | null;
  relink_expires_at: number | null;
  access_token_expires_at: number | null;
  last_refresh_at: number | null;
  created_at: number;
  pools: string;
  windows: string | null;
  limit_reached: number | null;
  observed_at: number | null;
  checked_at: number | null;
  error: string | null;
}

/** Each account's Pools as a JSON array of {id, name, status}: the one part each database spells its own way. */
const POOLS_JSON: Record<DialectName, string> = {
  sqlite: "json_group_array(json_object('id', p.id, 'name', p.name, 'status', p.status))",
  postgres: "coalesce(json_agg(json_build_object('id', p.id, 'name', p.name, 'status', p.status))::text, '[]')",
};

const list = (dialect: DialectName, now: number) => sql`
  SELECT u.id, u.email, u.plan_type, u.chatgpt_account_id, u.credential_state, u.credential_reason,
    u.refresh_failures, u.handed_off_at, u.access_token_expires_at, u.last_refresh_at, u.created_at,
    u.tokens_exported_at AS last_export_at, r.id AS relink_id, r.expires_at AS relink_expires_at,
    (SELECT ${sql.raw(POOLS_JSON[dialect])}
       FROM upstream_pools up JOIN pools p ON p.id = up.pool_id WHERE up.upstream_id = u.id) AS pools,
    q.windows, q.limit_reached, q.observed_at, q.checked_at, q.error
  FROM upstreams u LEFT JOIN upstream_quota q ON q.upstream_id = u.id
    LEFT JOIN invites r ON r.upstream_id = u.id AND r.status = 'active' AND r.kind = 'relink' AND r.expires_at > ${now}`;

/**
 * Handed over: `handed_off` whatever its last refresh said. Ready, but inside the refresh window:
 * `refresh_due` until the refresh lands.
 */
export function displayedState(
  row: Pick<ListRow, 'credential_state' | 'access_token_expires_at' | 'handed_off_at'>,
  now: number,
): CredentialState {
  if (row.handed_off_at !== null) return 'handed_off';
  const expiresAt = row.access_token_expires_at;
  const due = row.credential_state === 'ready' && expiresAt !== null && expiresAt - now <= REFRESH_WINDOW_MS;
  return due ? 'refresh_due' : row.credential_state;
}

export interface UpstreamFilters {
  poolId?: string | undefined;
  state?: CredentialState | undefined;
  /** A Pool-scoped caller's Pools: only accounts in one of them, showing only those Pools. */
  pools?: PoolScope | undefined;
}

/** A scoped caller sees an account through its own Pools only. */
function narrowed(rows: UpstreamRow[], scope: PoolScope | undefined): UpstreamRow[] {
  if (!scope) return rows;
  return rows
    .map((row) => ({ ...row, pools: row.pools.filter((pool) => scope.includes(pool.id)) }))
    .filter((row) => row.pools.length > 0);
}

/** The Upstreams page's rows: one per account, with its Pools and latest quota reading. */
export function createUpstreamsQuery(db: SqlDatabase) {
  const rows = (query: ReturnType<typeof sql<ListRow>>) => query.execute(db.q()).then((r) => r.rows);
  function toRow(row: ListRow, now: number, busy: (id: string) => boolean): UpstreamRow {
    const pools = (JSON.parse(row.pools) as UpstreamRow['pools']).sort((a, b) => a.name.localeCompare(b.name));
    return {
      id: row.id,
      email: row.email,
      planType: row.plan_type,
      accountId: row.chatgpt_account_id,
      pools,
      credentialState: displayedState(row, now),
      credentialReason: row.credential_reason,
      accessTokenExpiresAt: row.access_token_expires_at,
      lastRefreshAt: row.last_refresh_at,
      busy: busy(row.id),
      needsRelink: needsRelink({
        credentialState: row.credential_state,
        refreshFailures: row.refresh_failures,
        handedOff: row.handed_off_at !== null,
      }),
      handedOffAt: row.handed_off_at,
      lastExportAt: row.last_export_at,
      relinkLink:
        row.relink_id !== null && row.relink_expires_at !== null
          ? { inviteId: row.relink_id, expiresAt: row.relink_expires_at }
          : null,
      quota: {
        windows: row.windows ? (JSON.parse(row.windows) as QuotaWindow[]) : [],
        limitReached: row.limit_reached === 1,
        observedAt: row.observed_at,
        checkedAt: row.checked_at,
        error: row.error,
      },
      createdAt: row.created_at,
    };
  }

  return {
    async list(filters: UpstreamFilters, now: number, busy: (id: string) => boolean): Promise<UpstreamRow[]> {
      const base = list(db.dialect, now);
      const found = await rows(
        filters.poolId
          ? sql<ListRow>`${base} WHERE u.id IN (SELECT upstream_id FROM upstream_pools WHERE pool_id = ${filters.poolId}) ORDER BY u.email, u.id`
          : sql<ListRow>`${base} ORDER BY u.email, u.id`,
      );
      const visible = narrowed(
        found.map((r) => toRow(r, now, busy)),
        filters.pools,
      );
      return filters.state ? visible.filter((r) => r.credentialState === filters.state) : visible;
    },
    async one(id: string, now: number, busy: (id: string) => boolean): Promise<UpstreamRow | null> {
      const [row] = await rows(sql<ListRow>`${list(db.dialect, now)} WHERE u.id = ${id}`);
      return row ? toRow(row, now, busy) : null;
    },
  };
}
