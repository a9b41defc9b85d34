import type { InviteFilters } from '../../../shared/contract';
import type { Db } from '../db/open-database';
import { AppError } from '../errors';
import type { PoolScope } from '../rpc/caller';
import { INVITE_COLUMNS, type InviteRecord } from './invite-record';

/** A search this long or longer reads the trigram index (migration 0008); FTS5 trigrams need three characters. */
export const INDEXED_SEARCH_MIN = 3;

/**
 * How many invites (by insertion order) one short search call may examine. One or two characters
 * cannot use the trigram index, so such a call scans a bounded stretch of history — about a
 * millisecond per 15,000 rows — and returns where it stopped; the caller continues from there.
 * Short searches match most emails, so a window nearly always fills a page at once.
 */
export const SEARCH_WINDOW = 25_000;

export interface InvitePageQuery extends InviteFilters {
  /** A Pool-scoped caller's Pools: only their invites are listed. */
  pools?: PoolScope | undefined;
  cursor?: number | undefined;
  limit: number;
  now: number;
}

export interface InvitePage {
  records: InviteRecord[];
  nextCursor: number | null;
}

type SearchMode = 'none' | 'indexed' | 'scan';

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** An FTS5 phrase: the text as one literal string (a double quote doubled), never query syntax. */
function phrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The WHERE terms of the non-search filters. Without a search, each term can lead an index
 * (pool, status, or the lapsed partial index). With one, the terms are written `+column` so the
 * planner walks the search's rows (the index's matches, or the window's rowid range) in order.
 */
function filterTerms(filters: InvitePageQuery, searching: boolean): string[] {
  const col = (name: string) => (searching ? `+i.${name}` : `i.${name}`);
  const where: string[] = [];
  if (filters.poolId) where.push(`${col('pool_id')} = @poolId`);
  if (filters.pools) where.push(`${col('pool_id')} IN (SELECT value FROM json_each(@pools))`);
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
  return where;
}

/** The trimmed, lower-cased search, and which way it is answered. */
function searchOf(filters: InviteFilters): { text: string; mode: SearchMode } {
  const text = filters.search?.trim().toLowerCase() ?? '';
  if (text.length === 0) return { text, mode: 'none' };
  return { text, mode: [...text].length >= INDEXED_SEARCH_MIN ? 'indexed' : 'scan' };
}

/**
 * The statement and parameters for one page. Exported so the benchmark can time the bare SQL
 * the core runs; `top` is the exclusive upper seq bound (for a scanning search, the cursor capped
 * at max(seq) + 1).
 */
export function pageStatement(query: InvitePageQuery, top: number, searchWindow: number) {
  const { text, mode } = searchOf(query);
  const floor = Math.max(1, top - searchWindow);
  const params: Record<string, unknown> = { cursor: top, now: query.now, limit: query.limit + 1 };
  if (query.poolId) params.poolId = query.poolId;
  if (query.pools) params.pools = JSON.stringify(query.pools);
  if (query.status === 'accepted' || query.status === 'revoked') params.status = query.status;
  const filters = filterTerms(query, mode !== 'none');
  let sql: string;
  if (mode === 'indexed') {
    // The index leads, newest match first, and stops at the page's end; the filters are checked per match.
    params.match = phrase(text);
    sql = `SELECT ${INVITE_COLUMNS} FROM invites_email_search s
      CROSS JOIN invites i ON i.seq = s.rowid CROSS JOIN pools p ON p.id = i.pool_id
      WHERE ${['invites_email_search MATCH @match', 's.rowid < @cursor', ...filters].join(' AND ')}
      ORDER BY s.rowid DESC LIMIT @limit`;
  } else {
    const search = mode === 'scan' ? ["i.email LIKE @like ESCAPE '\\'", 'i.seq >= @floor'] : [];
    if (mode === 'scan') Object.assign(params, { like: `%${escapeLike(text)}%`, floor });
    sql = `SELECT ${INVITE_COLUMNS} FROM invites i JOIN pools p ON p.id = i.pool_id
      WHERE ${[...filters, ...search, 'i.seq < @cursor'].join(' AND ')} ORDER BY i.seq DESC LIMIT @limit`;
  }
  return { sql, params, scanning: mode === 'scan', floor };
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
      const top = searchOf(query).mode === 'scan' ? Math.min(cursor, (maxSeq.get()?.max ?? 0) + 1) : cursor;
      const { sql, params, scanning, floor } = pageStatement(query, top, searchWindow);
      const records = statement(sql).all(params) as InviteRecord[];
      if (records.length > query.limit) {
        records.length = query.limit;
        return { records, nextCursor: records.at(-1)!.seq };
      }
      // A scan that did not fill the page has still covered its window; older history remains.
      return { records, nextCursor: scanning && floor > 1 ? floor : null };
    },
  };
}

export type InvitesQuery = ReturnType<typeof createInvitesQuery>;
