import type { InviteFilters } from '../../../shared/contract';
import { sql, type RawBuilder } from 'kysely';
import type { DialectName, SqlDatabase } from '../db/sql/sql-database';
import { AppError } from '../errors';
import type { PoolScope } from '../rpc/caller';
import { INVITE_COLUMNS, type InviteRecord } from './invite-record';

/**
 * A search this long or longer reads the trigram index (SQLite: FTS5, migration 0008; PostgreSQL:
 * pg_trgm); trigrams need three characters.
 */
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
 * (pool, status, or the lapsed partial index). With one, SQLite's terms are written `+column` so
 * its planner walks the search's rows (the index's matches, or the window's rowid range) in
 * order; PostgreSQL's planner weighs them by its statistics instead.
 */
function filterTerms(dialect: DialectName, filters: InvitePageQuery, searching: boolean): RawBuilder<unknown>[] {
  const col = (name: string) => sql.raw(searching && dialect === 'sqlite' ? `+i.${name}` : `i.${name}`);
  const where: RawBuilder<unknown>[] = [];
  if (filters.poolId) where.push(sql`${col('pool_id')} = ${filters.poolId}`);
  if (filters.pools)
    where.push(
      dialect === 'postgres'
        ? sql`${col('pool_id')} = ANY(${[...filters.pools]}::text[])`
        : sql`${col('pool_id')} IN (SELECT value FROM json_each(${JSON.stringify(filters.pools)}))`,
    );
  // A literal, not a parameter, so the relink filter can walk its partial index.
  if (filters.kind) where.push(sql`${col('kind')} = ${sql.lit(filters.kind === 'relink' ? 'relink' : 'invite')}`);
  switch (filters.status) {
    case 'active':
      where.push(sql`${col('status')} = 'active' AND i.expires_at > ${filters.now}`);
      break;
    case 'expired':
      where.push(sql`${col('status')} IN ('active', 'expired') AND i.expires_at <= ${filters.now}`);
      break;
    case 'accepted':
    case 'revoked':
      where.push(sql`${col('status')} = ${filters.status}`);
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

const COLUMNS = sql.raw(INVITE_COLUMNS);
const and = (terms: RawBuilder<unknown>[]) => sql.join(terms, sql` AND `);

/**
 * The statement for one page. Exported so the benchmark can time the bare SQL the core runs;
 * `top` is the exclusive upper seq bound (for a scanning search, the cursor capped at max(seq) + 1).
 */
export function pageStatement(dialect: DialectName, query: InvitePageQuery, top: number, searchWindow: number) {
  const { text, mode } = searchOf(query);
  const floor = Math.max(1, top - searchWindow);
  const filters = filterTerms(dialect, query, mode !== 'none');
  const limit = query.limit + 1;
  let statement: RawBuilder<InviteRecord>;
  if (mode === 'indexed' && dialect === 'sqlite') {
    // The index leads, newest match first, and stops at the page's end; the filters are checked per match.
    const where = and([sql`invites_email_search MATCH ${phrase(text)}`, sql`s.rowid < ${top}`, ...filters]);
    statement = sql<InviteRecord>`SELECT ${COLUMNS} FROM invites_email_search s
      CROSS JOIN invites i ON i.seq = s.rowid CROSS JOIN pools p ON p.id = i.pool_id
      WHERE ${where} ORDER BY s.rowid DESC LIMIT ${limit}`;
  } else {
    const like = `%${escapeLike(text)}%`;
    // PostgreSQL answers both lengths with pg_trgm's index on lower(email) where it helps; a short
    // search still scans one window at a time, as on SQLite.
    const email = dialect === 'postgres' ? sql`lower(i.email)` : sql`i.email`;
    const search =
      mode === 'none'
        ? []
        : [sql`${email} LIKE ${like} ESCAPE '\\'`, ...(mode === 'scan' ? [sql`i.seq >= ${floor}`] : [])];
    statement = sql<InviteRecord>`SELECT ${COLUMNS} FROM invites i JOIN pools p ON p.id = i.pool_id
      WHERE ${and([...filters, ...search, sql`i.seq < ${top}`])} ORDER BY i.seq DESC LIMIT ${limit}`;
  }
  return { statement, scanning: mode === 'scan', floor };
}

export function createInvitesQuery(db: SqlDatabase, searchWindow = SEARCH_WINDOW) {
  const byColumn = (column: 'i.id' | 'i.token_hash', value: string | Buffer) =>
    sql<InviteRecord>`SELECT ${COLUMNS} FROM invites i JOIN pools p ON p.id = i.pool_id WHERE ${sql.ref(column)} = ${value}`
      .execute(db.q())
      .then((r) => r.rows[0]);

  const byId = (id: string) => byColumn('i.id', id);
  return {
    byId,
    /** The invite, or `not_found` for the caller's channel to answer with. */
    async existing(id: string): Promise<InviteRecord> {
      const found = await byId(id);
      if (!found) throw new AppError('not_found', 'That invite does not exist.', { id: 'Unknown invite.' });
      return found;
    },
    /** The invite a URL's token names (by its hash), for the onboarding page. */
    byTokenHash: (hash: Buffer) => byColumn('i.token_hash', hash),

    /** One newest-first page after `cursor`, plus where the next page starts. */
    async page(query: InvitePageQuery): Promise<InvitePage> {
      const cursor = query.cursor ?? Number.MAX_SAFE_INTEGER;
      // Only a search window is measured from the top; an index walk needs no bound.
      let top = cursor;
      if (searchOf(query).mode === 'scan') {
        const max = await db
          .q()
          .selectFrom('invites')
          .select((e) => e.fn.max('seq').as('max'))
          .executeTakeFirst();
        top = Math.min(cursor, (max?.max ?? 0) + 1);
      }
      const { statement, scanning, floor } = pageStatement(db.dialect, query, top, searchWindow);
      const records = (await statement.execute(db.q())).rows;
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
