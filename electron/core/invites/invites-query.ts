import type { InviteFilters } from '../../../shared/contract';
import type { Db } from '../db/open-database';
import { AppError } from '../errors';
import { INVITE_COLUMNS, type InviteRecord } from './invite-record';

/**
 * How many invites (by insertion order) one search call may examine. A substring search cannot
 * use an index, so each call scans a bounded stretch of history — about a millisecond per 15,000
 * rows, nearly all of it SQLite testing each email (a narrow covering index or instr() instead of
 * LIKE measured no faster) — and returns where it stopped; the caller continues from there. The
 * window bounds how long one call holds the core's thread (under 2 ms here); a longer one saves
 * only the calls' small fixed cost when matches are rare.
 */
export const SEARCH_WINDOW = 25_000;

export interface InvitePageQuery extends InviteFilters {
  cursor?: number | undefined;
  limit: number;
  now: number;
}

export interface InvitePage {
  records: InviteRecord[];
  nextCursor: number | null;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Builds the WHERE terms for a filter set. Without a search, each term can lead an index
 * (pool, status, or the lapsed partial index). With one, the terms are written `+column` so the
 * planner walks the rowid range of the search window instead, reading rows in order.
 */
function conditions(filters: InviteFilters, searching: boolean): string[] {
  const col = (name: string) => (searching ? `+i.${name}` : `i.${name}`);
  const where: string[] = [];
  if (filters.poolId) where.push(`${col('pool_id')} = @poolId`);
  // A literal, not a parameter, so the relink filter can walk its partial index.
  if (filters.kind) where.push(`${col('kind')} = '${filters.kind === 'relink' ? 'relink' : 'invite'}'`);
  switch (filters.status) {
    case 'active':
      where.push(`${col('status')} = 'active' AND i.expires_at > @now`);
      break;
    case 'expired':
      where.push(`${col('status')} IN ('active', 'expired') AND i.expires_at <= @now`);
      break;
    case 'accepted':
    case 'revoked':
      where.push(`${col('status')} = @status`);
      break;
  }
  if (searching) where.push("i.email LIKE @like ESCAPE '\\'", 'i.seq >= @floor');
  where.push('i.seq < @cursor');
  return where;
}

/**
 * The statement and parameters for one page. Exported so the benchmark can time the bare SQL
 * the core runs; `top` is the exclusive upper seq bound (the cursor, capped at max(seq) + 1).
 */
export function pageStatement(query: InvitePageQuery, top: number, searchWindow: number) {
  const search = query.search?.trim().toLowerCase() ?? '';
  const searching = search.length > 0;
  const floor = Math.max(1, top - searchWindow);
  const sql = `SELECT ${INVITE_COLUMNS} FROM invites i JOIN pools p ON p.id = i.pool_id
    WHERE ${conditions(query, searching).join(' AND ')} ORDER BY i.seq DESC LIMIT @limit`;
  const params: Record<string, unknown> = { cursor: top, now: query.now, limit: query.limit + 1 };
  if (query.poolId) params.poolId = query.poolId;
  if (query.status === 'accepted' || query.status === 'revoked') params.status = query.status;
  if (searching) Object.assign(params, { like: `%${escapeLike(search)}%`, floor });
  return { sql, params, searching, floor };
}

export function createInvitesQuery(db: Db, searchWindow = SEARCH_WINDOW) {
  const statements = new Map<string, ReturnType<Db['prepare']>>();
  function statement(sql: string) {
    let prepared = statements.get(sql);
    if (!prepared) {
      prepared = db.prepare(sql);
      statements.set(sql, prepared);
    }
    return prepared;
  }
  const maxSeq = db.prepare<[], { max: number | null }>('SELECT max(seq) AS max FROM invites');
  const byId = db.prepare<[string], InviteRecord>(
    `SELECT ${INVITE_COLUMNS} FROM invites i JOIN pools p ON p.id = i.pool_id WHERE i.id = ?`,
  );

  const byTokenHash = db.prepare<[Buffer], InviteRecord>(
    `SELECT ${INVITE_COLUMNS} FROM invites i JOIN pools p ON p.id = i.pool_id WHERE i.token_hash = ?`,
  );

  return {
    byId: (id: string) => byId.get(id),
    /** The invite, or `not_found` for the caller's channel to answer with. */
    existing(id: string): InviteRecord {
      const found = byId.get(id);
      if (!found) throw new AppError('not_found', 'That invite does not exist.', { id: 'Unknown invite.' });
      return found;
    },
    /** The invite a URL's token names (by its hash), for the onboarding page. */
    byTokenHash: (hash: Buffer) => byTokenHash.get(hash),

    /** One newest-first page after `cursor`, plus where the next page starts. */
    page(query: InvitePageQuery): InvitePage {
      const cursor = query.cursor ?? Number.MAX_SAFE_INTEGER;
      // Only a search window is measured from the top; an index walk needs no bound.
      const top = query.search?.trim() ? Math.min(cursor, (maxSeq.get()?.max ?? 0) + 1) : cursor;
      const { sql, params, searching, floor } = pageStatement(query, top, searchWindow);
      const records = statement(sql).all(params) as InviteRecord[];
      if (records.length > query.limit) {
        records.length = query.limit;
        return { records, nextCursor: records.at(-1)!.seq };
      }
      // A search that did not fill the page has still covered its window; older history remains.
      return { records, nextCursor: searching && floor > 1 ? floor : null };
    },
  };
}

export type InvitesQuery = ReturnType<typeof createInvitesQuery>;
