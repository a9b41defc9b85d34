import type { Db } from '../db/open-database';
import type { PoolLookup } from './caller';

/** The Pools an invite or an account belongs to, read for an admin's scope check (one indexed row or few). */
export function createPoolLookup(db: Db): PoolLookup {
  const invitePool = db.prepare<[string], { pool_id: string }>('SELECT pool_id FROM invites WHERE id = ?');
  const upstream = db.prepare<[string], { id: string }>('SELECT id FROM upstreams WHERE id = ?');
  const upstreamPools = db.prepare<[string], { pool_id: string }>(
    'SELECT pool_id FROM upstream_pools WHERE upstream_id = ?',
  );
  return {
    poolOfInvite: (id) => invitePool.get(id)?.pool_id ?? null,
    poolsOfUpstream: (id) => (upstream.get(id) ? upstreamPools.all(id).map((row) => row.pool_id) : null),
  };
}
