import type { Foundation } from '../foundation';
import { poolNameKey, type AuditDetails, type Pool, type PoolStatus } from '../../../shared/contract';
import type { Actor } from '../audit/audit-log';
import { AppError } from '../errors';
import { newId } from '../ids';
import { sql } from 'kysely';
import { baseSlug, uniqueSlug } from './pool-names';

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
  list(): Promise<Pool[]>;
  create(name: string, actor: Actor): Promise<Pool>;
  rename(id: string, name: string, actor: Actor): Promise<Pool>;
  setStatus(id: string, status: PoolStatus, actor: Actor): Promise<Pool>;
  /** The Pool, provided it takes invites and accounts now: `not_found` or `pool_not_active` otherwise. */
  requireActive(id: string): Promise<Pool>;
}

export function createPoolsService(deps: Pick<Foundation, 'db' | 'changes' | 'now'>): PoolsService {
  const { db, changes, now } = deps;
  const pools = () => db.q().selectFrom('pools').select(['id', 'name', 'slug', 'status', 'created_at', 'updated_at']);
  const one = (column: 'id' | 'name_key', value: string) =>
    pools().where(column, '=', value).executeTakeFirst() as Promise<Row | undefined>;

  /** `field` names the input that carried the id, for the error's field message. */
  async function existing(id: string, field = 'id'): Promise<Row> {
    const row = await one('id', id);
    if (!row) throw new AppError('not_found', 'That Pool does not exist.', { [field]: 'Unknown Pool.' });
    return row;
  }

  async function mutable(id: string): Promise<Row> {
    const row = await existing(id);
    if (row.status === 'archived')
      throw new AppError('pool_archived', `The Pool "${row.name}" is archived and can no longer be changed.`);
    return row;
  }

  async function assertNameFree(name: string, exceptId?: string): Promise<string> {
    const key = poolNameKey(name);
    const clash = await one('name_key', key);
    if (clash && clash.id !== exceptId) {
      const archived = clash.status === 'archived' ? ' (archived)' : '';
      const message = `A Pool named "${clash.name}"${archived} already exists. Pool names are unique regardless of case.`;
      throw new AppError('pool_name_taken', message, { name: message });
    }
    return key;
  }

  /** Makes the write `change` describes, audited as it says, and announces the Pool. */
  async function commit(poolId: string, actor: Actor, change: () => Promise<PoolAudit>): Promise<Pool> {
    await changes.write(async (write) => {
      await write.audit({ ...(await change()), actor, targetType: 'pool', targetId: poolId, poolId });
      write.emit({ name: 'pools.changed', payload: { poolId } });
    });
    return toPool(await existing(poolId));
  }

  return {
    list: async () =>
      (
        (await pools()
          .orderBy(sql`CASE status WHEN 'active' THEN 0 WHEN 'disabled' THEN 1 ELSE 2 END`)
          .orderBy('name_key')
          .execute()) as Row[]
      ).map(toPool),

    create(name, actor) {
      const id = newId('pool');
      return commit(id, actor, async () => {
        const nameKey = await assertNameFree(name);
        const taken = new Set(
          (
            await db
              .q()
              .selectFrom('pools')
              .select('slug')
              .where('slug', 'like', `${baseSlug(name)}%`)
              .execute()
          ).map((r) => r.slug),
        );
        const slug = uniqueSlug(name, (s) => taken.has(s));
        const at = now();
        await db
          .q()
          .insertInto('pools')
          .values({
            id,
            name,
            name_key: nameKey,
            slug,
            status: 'active',
            created_by: actor.name,
            created_at: at,
            updated_at: at,
          })
          .execute();
        return { action: 'pool.created', details: { name, slug } };
      });
    },

    async rename(id, name, actor) {
      const current = await mutable(id);
      if (current.name === name) return toPool(current);
      return commit(id, actor, async () => {
        const row = await mutable(id);
        const nameKey = await assertNameFree(name, id);
        await db
          .q()
          .updateTable('pools')
          .set({ name, name_key: nameKey, updated_at: now() })
          .where('id', '=', id)
          .execute();
        return { action: 'pool.updated', details: { name, changes: { name: { from: row.name, to: name } } } };
      });
    },

    async setStatus(id, status, actor) {
      const current = await mutable(id);
      if (current.status === status) return toPool(current);
      return commit(id, actor, async () => {
        const row = await mutable(id);
        await db.q().updateTable('pools').set({ status, updated_at: now() }).where('id', '=', id).execute();
        return {
          action: 'pool.updated',
          details: { name: row.name, changes: { status: { from: row.status, to: status } } },
        };
      });
    },

    async requireActive(id) {
      const pool = await existing(id, 'poolId');
      if (pool.status !== 'active') {
        const message = `The Pool "${pool.name}" is ${pool.status}: only active Pools take invites and accounts.`;
        throw new AppError('pool_not_active', message, { poolId: message });
      }
      return toPool(pool);
    },
  };
}
