import type { AuditAction, AuditDetails, AuditEntry } from '../../../shared/contract';
import type { Db } from '../db/open-database';
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
  /** Appends one event. Call inside the transaction that makes the change it describes. */
  record(entry: AuditRecord): number;
  list(query: AuditQuery): { entries: AuditEntry[]; nextCursor: number | null };
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

export function createAuditLog(db: Db, now: () => number): AuditLog {
  const insert = db.prepare(
    `INSERT INTO audit_events (occurred_at, actor_kind, actor_name, action, target_type, target_id, pool_id, details)
     VALUES (@occurredAt, @actorKind, @actorName, @action, @targetType, @targetId, @poolId, @details)`,
  );

  // One prepared statement per filter shape; each shape is served by its own index.
  const listStatements = new Map<string, ReturnType<Db['prepare']>>();
  function listStatement(query: AuditQuery) {
    const where: string[] = [];
    if (query.action) where.push('action = @action');
    if (query.poolId) where.push('pool_id = @poolId');
    if (query.pools) where.push('pool_id IN (SELECT value FROM json_each(@pools))');
    if (query.inviteId) where.push("target_type = 'invite' AND target_id = @inviteId");
    if (query.cursor) where.push('id < @cursor');
    const sql = `SELECT * FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`;
    let statement = listStatements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      listStatements.set(sql, statement);
    }
    return statement;
  }

  return {
    record(entry) {
      const result = insert.run({
        occurredAt: entry.occurredAt ?? now(),
        actorKind: entry.actor.kind,
        actorName: entry.actor.name,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId,
        poolId: entry.poolId,
        details: JSON.stringify(entry.details),
      });
      return Number(result.lastInsertRowid);
    },
    list(query) {
      // Fetch one extra row to learn whether an older page exists without a COUNT.
      const rows = listStatement(query).all({
        action: query.action,
        poolId: query.poolId,
        pools: query.pools ? JSON.stringify(query.pools) : undefined,
        inviteId: query.inviteId,
        cursor: query.cursor,
        limit: query.limit + 1,
      }) as Row[];
      const page = rows.slice(0, query.limit).map(toEntry);
      const nextCursor = rows.length > query.limit ? (page.at(-1)?.id ?? null) : null;
      return { entries: page, nextCursor };
    },
  };
}
