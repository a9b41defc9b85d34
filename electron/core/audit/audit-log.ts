import type { AuditAction, AuditDetails, AuditEntry } from '../../../shared/contract';
import type { SqlDatabase } from '../db/sql/sql-database';
import type { PoolScope } from '../rpc/caller';

export interface Actor {
  kind: AuditEntry['actor']['kind'];
  name: string;
}

/** The console itself, acting on its own (expiry sweeps, token refreshes): never an operator. */
export const CONSOLE_ACTOR: Actor = { kind: 'system', name: 'Pooler Console' };

/** One entry to append: its `details` are typed by its action (the contract's AUDIT_DETAILS). */
export type AuditRecord = {
  [A in AuditAction]: {
    actor: Actor;
    action: A;
    targetType: AuditEntry['targetType'];
    targetId: string | null;
    poolId: string | null;
    details: AuditDetails<A>;
    /** When it happened, if the write already took its time for its own rows (default: now). */
    occurredAt?: number;
  };
}[AuditAction];

interface AuditQuery {
  action?: AuditAction | undefined;
  poolId?: string | undefined;
  /** A Pool-scoped caller's Pools: only entries about them (nothing server-wide). */
  pools?: PoolScope | undefined;
  inviteId?: string | undefined;
  cursor?: number | undefined;
  limit: number;
}

interface Row {
  id: number;
  occurred_at: number;
  actor_kind: AuditEntry['actor']['kind'];
  actor_name: string;
  action: AuditAction;
  target_type: AuditEntry['targetType'];
  target_id: string | null;
  pool_id: string | null;
  details: string;
}

export interface AuditLog {
  /** Appends one event. Call inside the write that makes the change it describes. */
  record(entry: AuditRecord): Promise<number>;
  list(query: AuditQuery): Promise<{ entries: AuditEntry[]; nextCursor: number | null }>;
}

function toEntry(row: Row): AuditEntry {
  // Written by `record` from a typed AuditRecord, so the row's details match its action.
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    actor: { kind: row.actor_kind, name: row.actor_name },
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    poolId: row.pool_id,
    details: JSON.parse(row.details) as never,
  } as AuditEntry;
}

export function createAuditLog(db: SqlDatabase, now: () => number): AuditLog {
  return {
    async record(entry) {
      const row = await db
        .q()
        .insertInto('audit_events')
        .values({
          occurred_at: entry.occurredAt ?? now(),
          actor_kind: entry.actor.kind,
          actor_name: entry.actor.name,
          action: entry.action,
          target_type: entry.targetType,
          target_id: entry.targetId,
          pool_id: entry.poolId,
          details: JSON.stringify(entry.details),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async list(query) {
      // Each filter shape is served by its own index; one extra row tells whether an older page exists.
      let select = db.q().selectFrom('audit_events').selectAll();
      if (query.action) select = select.where('action', '=', query.action);
      if (query.poolId) select = select.where('pool_id', '=', query.poolId);
      if (query.pools) select = select.where('pool_id', 'in', query.pools.length > 0 ? query.pools : ['']);
      if (query.inviteId) select = select.where('target_type', '=', 'invite').where('target_id', '=', query.inviteId);
      if (query.cursor) select = select.where('id', '<', query.cursor);
      const rows = (await select
        .orderBy('id', 'desc')
        .limit(query.limit + 1)
        .execute()) as Row[];
      const page = rows.slice(0, query.limit).map(toEntry);
      const nextCursor = rows.length > query.limit ? (page.at(-1)?.id ?? null) : null;
      return { entries: page, nextCursor };
    },
  };
}
