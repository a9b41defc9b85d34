import type { Foundation } from '../foundation';
import { poolNameKey, type AuditDetails, type Pool, type PoolStatus } from '../../../shared/contract';
import type { Actor } from '../audit/audit-log';
import { AppError } from '../errors';
import { newId } from '../ids';
import { uniqueSlug } from './pool-names';

interface Row {
  id: string;
  name: string;
  slug: string;
  status: PoolStatus;
  created_at: number;
  updated_at: number;
}

function toPool(row: Row): Pool {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

type PoolAudit =
  | { action: 'pool.created'; details: AuditDetails<'pool.created'> }
  | { action: 'pool.updated'; details: AuditDetails<'pool.updated'> };

export interface PoolsService {
  list(): Pool[];
  create(name: string, actor: Actor): Pool;
  rename(id: string, name: string, actor: Actor): Pool;
  setStatus(id: string, status: PoolStatus, actor: Actor): Pool;
  /** The Pool, provided it takes invites and accounts now: `not_found` or `pool_not_active` otherwise. */
  requireActive(id: string): Pool;
}

export function createPoolsService(deps: Pick<Foundation, 'db' | 'changes' | 'now'>): PoolsService {
  const { db, changes, now } = deps;
  const statements = {
    list: db.prepare<[], Row>(
      `SELECT * FROM pools ORDER BY CASE status WHEN 'active' THEN 0 WHEN 'disabled' THEN 1 ELSE 2 END, name_key`,
    ),
    byId: db.prepare<[string], Row>('SELECT * FROM pools WHERE id = ?'),
    byNameKey: db.prepare<[string], Row>('SELECT * FROM pools WHERE name_key = ?'),
    slugTaken: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM pools WHERE slug = ?'),
    insert: db.prepare(
      `INSERT INTO pools (id, name, name_key, slug, status, created_by, created_at, updated_at)
       VALUES (@id, @name, @nameKey, @slug, 'active', @createdBy, @now, @now)`,
    ),
    rename: db.prepare('UPDATE pools SET name = @name, name_key = @nameKey, updated_at = @now WHERE id = @id'),
    setStatus: db.prepare('UPDATE pools SET status = @status, updated_at = @now WHERE id = @id'),
  };

  /** `field` names the input that carried the id, for the error's field message. */
  function existing(id: string, field = 'id'): Row {
    const row = statements.byId.get(id);
    if (!row) throw new AppError('not_found', 'That Pool does not exist.', { [field]: 'Unknown Pool.' });
    return row;
  }

  function mutable(id: string): Row {
    const row = existing(id);
    if (row.status === 'archived')
      throw new AppError('pool_archived', `The Pool "${row.name}" is archived and can no longer be changed.`);
    return row;
  }

  function assertNameFree(name: string, exceptId?: string): string {
    const key = poolNameKey(name);
    const clash = statements.byNameKey.get(key);
    if (clash && clash.id !== exceptId) {
      const archived = clash.status === 'archived' ? ' (archived)' : '';
      const message = `A Pool named "${clash.name}"${archived} already exists. Pool names are unique regardless of case.`;
      throw new AppError('pool_name_taken', message, { name: message });
    }
    return key;
  }

  /** Makes the write `change` describes, audited as it says, and announces the Pool. */
  function commit(poolId: string, actor: Actor, change: () => PoolAudit): Pool {
    changes.write((write) => {
      write.audit({ ...change(), actor, targetType: 'pool', targetId: poolId, poolId });
      write.emit({ name: 'pools.changed', payload: { poolId } });
    });
    return toPool(existing(poolId));
  }

  return {
    list: () => statements.list.all().map(toPool),

    create(name, actor) {
      const id = newId('pool');
      return commit(id, actor, () => {
        const nameKey = assertNameFree(name);
        const slug = uniqueSlug(name, (s) => statements.slugTaken.get(s) !== undefined);
        statements.insert.run({ id, name, nameKey, slug, createdBy: actor.name, now: now() });
        return { action: 'pool.created', details: { name, slug } };
      });
    },

    rename(id, name, actor) {
      const current = mutable(id);
      if (current.name === name) return toPool(current);
      return commit(id, actor, () => {
        const row = mutable(id);
        const nameKey = assertNameFree(name, id);
        statements.rename.run({ id, name, nameKey, now: now() });
        return { action: 'pool.updated', details: { name, changes: { name: { from: row.name, to: name } } } };
      });
    },

    setStatus(id, status, actor) {
      const current = mutable(id);
      if (current.status === status) return toPool(current);
      return commit(id, actor, () => {
        const row = mutable(id);
        statements.setStatus.run({ id, status, now: now() });
        return {
          action: 'pool.updated',
          details: { name: row.name, changes: { status: { from: row.status, to: status } } },
        };
      });
    },

    requireActive(id) {
      const pool = existing(id, 'poolId');
      if (pool.status !== 'active') {
        const message = `The Pool "${pool.name}" is ${pool.status}: only active Pools take invites and accounts.`;
        throw new AppError('pool_not_active', message, { poolId: message });
      }
      return toPool(pool);
    },
  };
}
