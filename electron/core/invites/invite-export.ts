import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { stringify } from 'csv-stringify/sync';
import type { ExportFormat, InviteFilters, RetrievedInvite } from '../../../shared/contract';
import type { PoolScope } from '../rpc/caller';
import { toRetrievedInvite } from './invite-record';
import type { InvitesQuery } from './invites-query';

const BATCH = 500;

const CSV_COLUMNS: { key: string; value: (i: RetrievedInvite) => string | number | null }[] = [
  { key: 'id', value: (i) => i.id },
  { key: 'created_at', value: (i) => iso(i.created_at) },
  { key: 'status', value: (i) => i.status },
  { key: 'pool_id', value: (i) => i.pool.id },
  { key: 'pool_name', value: (i) => i.pool.name },
  { key: 'email', value: (i) => i.email },
  { key: 'invited_by', value: (i) => i.invited_by },
  { key: 'expires_at', value: (i) => iso(i.expires_at) },
  { key: 'accepted_at', value: (i) => iso(i.accepted_at) },
  { key: 'accepted_by_email', value: (i) => i.accepted_by_email },
  { key: 'revoked_at', value: (i) => iso(i.revoked_at) },
  { key: 'email_sent_at', value: (i) => iso(i.email_sent_at) },
  { key: 'email_error', value: (i) => i.email_error },
  { key: 'upstream_id', value: (i) => i.upstream_id },
  { key: 'kind', value: (i) => i.kind },
];

function iso(seconds: number | null): string | null {
  return seconds === null ? null : new Date(seconds * 1000).toISOString();
}

// A cell starting with one of these runs as a formula in spreadsheet apps (CSV injection);
// a leading apostrophe makes it plain text. Emails may legally start with "=" or "+".
function defuse(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csv(rows: RetrievedInvite[], header: boolean): string {
  return stringify(
    rows.map((row) => CSV_COLUMNS.map((c) => c.value(row))),
    {
      header,
      columns: CSV_COLUMNS.map((c) => c.key),
      cast: { string: defuse },
    },
  );
}

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8' } as const;

export function exportContentType(format: ExportFormat): string {
  return CONTENT_TYPES[format];
}

export function exportFileName(format: ExportFormat, now: number): string {
  return `pooler-invites-${new Date(now).toISOString().slice(0, 10)}.${format}`;
}

/**
 * Writes every invite matching `filters`, newest first, as CSV or as an OpenAI-style list of
 * retrieve objects. Reads in keyset batches and yields between them, so neither memory nor the
 * event loop is held for the size of the export. Never writes a token, hash or URL: the rows
 * carry none.
 */
export async function writeInviteExport(
  out: Writable,
  options: { format: ExportFormat; filters: InviteFilters & { pools: PoolScope }; query: InvitesQuery; now: number },
): Promise<number> {
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  const { format, filters, query, now } = options;
  let cursor: number | undefined;
  let count = 0;
  let firstId: string | null = null;
  let lastId: string | null = null;
  if (format === 'json') await write('{"object":"list","data":[');
  for (;;) {
    const page = await query.page({ ...filters, cursor, limit: BATCH, now });
    const rows = page.records.map((r) => toRetrievedInvite(r, now));
    if (format === 'csv' && (rows.length > 0 || count === 0)) await write(csv(rows, count === 0));
    for (const row of rows) {
      if (format === 'json') await write(`${count > 0 ? ',' : ''}${JSON.stringify(row)}`);
      firstId ??= row.id;
      lastId = row.id;
      count++;
    }
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
    await nextTurn();
  }
  if (format === 'json')
    await write(`],"first_id":${JSON.stringify(firstId)},"last_id":${JSON.stringify(lastId)},"has_more":false}\n`);
  return count;
}
