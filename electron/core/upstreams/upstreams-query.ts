import type { CredentialState, QuotaWindow, UpstreamRow } from '../../../shared/contract';
import type { Db } from '../db/open-database';
import { REFRESH_WINDOW_MS } from './upstreams-store';

interface ListRow {
  id: string;
  email: string;
  plan_type: string | null;
  chatgpt_account_id: string;
  credential_state: Exclude<CredentialState, 'refresh_due'>;
  credential_reason: string | null;
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

const LIST = `
  SELECT u.id, u.email, u.plan_type, u.chatgpt_account_id, u.credential_state, u.credential_reason,
    u.access_token_expires_at, u.last_refresh_at, u.created_at,
    (SELECT json_group_array(json_object('id', p.id, 'name', p.name, 'status', p.status))
       FROM upstream_pools up JOIN pools p ON p.id = up.pool_id WHERE up.upstream_id = u.id) AS pools,
    q.windows, q.limit_reached, q.observed_at, q.checked_at, q.error
  FROM upstreams u LEFT JOIN upstream_quota q ON q.upstream_id = u.id`;

/** Ready, but inside the refresh window: shown as `refresh_due` until the refresh lands. */
export function displayedState(
  state: ListRow['credential_state'],
  expiresAt: number | null,
  now: number,
): CredentialState {
  return state === 'ready' && expiresAt !== null && expiresAt - now <= REFRESH_WINDOW_MS ? 'refresh_due' : state;
}

/** The Upstreams page's rows: one per account, with its Pools and latest quota reading. */
export function createUpstreamsQuery(db: Db) {
  const all = db.prepare<[], ListRow>(`${LIST} ORDER BY u.email, u.id`);
  const inPool = db.prepare<[string], ListRow>(
    `${LIST} WHERE u.id IN (SELECT upstream_id FROM upstream_pools WHERE pool_id = ?) ORDER BY u.email, u.id`,
  );
  const one = db.prepare<[string], ListRow>(`${LIST} WHERE u.id = ?`);

  function toRow(row: ListRow, now: number, busy: (id: string) => boolean): UpstreamRow {
    const pools = (JSON.parse(row.pools) as UpstreamRow['pools']).sort((a, b) => a.name.localeCompare(b.name));
    return {
      id: row.id,
      email: row.email,
      planType: row.plan_type,
      accountId: row.chatgpt_account_id,
      pools,
      credentialState: displayedState(row.credential_state, row.access_token_expires_at, now),
      credentialReason: row.credential_reason,
      accessTokenExpiresAt: row.access_token_expires_at,
      lastRefreshAt: row.last_refresh_at,
      busy: busy(row.id),
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
    list(
      filters: { poolId?: string | undefined; state?: CredentialState | undefined },
      now: number,
      busy: (id: string) => boolean,
    ): UpstreamRow[] {
      const rows = (filters.poolId ? inPool.all(filters.poolId) : all.all()).map((r) => toRow(r, now, busy));
      return filters.state ? rows.filter((r) => r.credentialState === filters.state) : rows;
    },
    one(id: string, now: number, busy: (id: string) => boolean): UpstreamRow | null {
      const row = one.get(id);
      return row ? toRow(row, now, busy) : null;
    },
  };
}
