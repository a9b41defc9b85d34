import type { SqlDatabase } from '../db/sql/sql-database';
import type { PoolLookup } from './caller';

/** The Pools an invite or an account belongs to, read for an admin's scope check (one indexed row or few). */
export function createPoolLookup(db: SqlDatabase): PoolLookup {
  return {
    poolOfInvite: async (id) =>
      (await db.q().selectFrom('invites').select('pool_id').where('id', '=', id).executeTakeFirst())?.pool_id ?? null,
    async poolsOfUpstream(id) {
      const rows = await db
        .q()
        .selectFrom('upstreams as u')
        .leftJoin('upstream_pools as up', 'up.upstream_id', 'u.id')
        .select('up.pool_id')
        .where('u.id', '=', id)
        .execute();
      return rows.length === 0 ? null : rows.flatMap((row) => (row.pool_id ? [row.pool_id] : []));
    },
  };
}
