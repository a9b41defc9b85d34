import { Box, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { visuallyHidden } from '@mui/utils';
import { memo, useEffect } from 'react';
import type { InviteRow } from '../../../../shared/contract';
import { expiryLabel } from '../../../../shared/format/expiry-label';
import { inviteResult } from '../../../../shared/format/invite-result';
import { formatCompactDateTime, formatDateTimeFull } from '../../../../shared/format/time';
import { effectiveStatus } from '../../../../shared/invites/effective-status';
import { InviteStatusChip } from '../../components/InviteStatusChip';
import { useFixedRows } from '../../components/use-fixed-rows';
import { EmailDeliveryIcon } from './EmailDeliveryIcon';
import { InviteRowActions } from './InviteRowActions';

/** Every row is exactly this tall (cells never wrap), so nothing is measured while scrolling. */
const ROW_HEIGHT = 53;
/** Load the next page when the last rendered row is this close to the end of what is loaded. */
const PREFETCH_ROWS = 30;

// Fixed widths keep columns steady as virtual rows come and go; the email takes the rest.
const COLUMNS = [
  { label: 'Created', width: 144 },
  { label: 'Status', width: 96 },
  { label: 'Pool', width: 128 },
  { label: 'Codex account email', width: undefined },
  { label: 'Invited by', width: 120 },
  { label: 'Email', width: 56 },
  { label: 'Result', width: 172 },
  { label: 'Expires', width: 104 },
  { label: 'Actions', width: 44, hidden: true },
];

const ellipsis = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

interface RowProps {
  invite: InviteRow;
  now: number;
  smtpConfigured: boolean;
  index: number;
  onOpen(invite: InviteRow): void;
  onReissue(invite: InviteRow): void;
  onRevoke(invite: InviteRow): void;
}

// Hover text uses native title attributes: a screenful of rows would otherwise mount a hundred
// tooltip components, which is most of what a filter change costs.
const InviteTableRow = memo(function InviteTableRow({ invite, now, smtpConfigured, index, onOpen, onReissue, onRevoke }: RowProps) {
  const status = effectiveStatus(invite.status, invite.expiresAt, now);
  const actionable = status === 'active' && invite.poolStatus === 'active';
  const result = inviteResult(invite, now);
  return (
    <TableRow
      hover
      data-index={index}
      data-invite-id={invite.id}
      tabIndex={0}
      aria-label={`Invite to ${invite.email}`}
      onClick={() => onOpen(invite)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onOpen(invite);
      }}
      sx={{ cursor: 'pointer', height: ROW_HEIGHT }}
    >
      <TableCell sx={{ ...ellipsis, fontSize: '0.8125rem' }} title={formatDateTimeFull(invite.createdAt)}>
        {formatCompactDateTime(invite.createdAt, now)}
      </TableCell>
      <TableCell>
        <InviteStatusChip status={status} />
      </TableCell>
      <TableCell sx={ellipsis} title={invite.poolName}>
        {invite.poolName}
        {invite.poolStatus !== 'active' && (
          <Typography component="span" variant="caption" color="text.secondary">
            {` (${invite.poolStatus})`}
          </Typography>
        )}
      </TableCell>
      <TableCell sx={{ ...ellipsis, fontWeight: 550 }} title={invite.email}>
        {invite.email}
      </TableCell>
      <TableCell sx={ellipsis} title={invite.createdBy}>
        {invite.createdBy}
      </TableCell>
      <TableCell>
        <EmailDeliveryIcon invite={invite} />
      </TableCell>
      <TableCell sx={{ ...ellipsis, color: status === 'active' ? 'text.secondary' : 'text.primary', fontSize: '0.8125rem' }} title={result}>
        {result}
      </TableCell>
      <TableCell sx={{ whiteSpace: 'nowrap' }} title={formatDateTimeFull(invite.expiresAt)}>
        {status === 'active' ? expiryLabel(invite.expiresAt, now, invite.createdAt) : status === 'expired' ? 'Expired' : '—'}
      </TableCell>
      <TableCell align="right" sx={{ px: 0.5 }}>
        {actionable && (
          <InviteRowActions
            invite={invite}
            smtpConfigured={smtpConfigured}
            onReissue={() => onReissue(invite)}
            onRevoke={() => onRevoke(invite)}
          />
        )}
      </TableCell>
    </TableRow>
  );
});

interface Props {
  rows: InviteRow[];
  now: number;
  smtpConfigured: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): void;
  onOpen(invite: InviteRow): void;
  onReissue(invite: InviteRow): void;
  onRevoke(invite: InviteRow): void;
  /** The filters the rows were fetched for: resets the scroll, and lets a benchmark see a change paint. */
  filterKey: string;
}

/**
 * Every matching invite, reachable by scrolling: only the rows in view (and a margin) are in
 * the DOM, and the next keyset page loads as the end comes into view.
 */
export function InvitesTable(props: Props) {
  const { rows, now, hasNextPage, isFetchingNextPage, fetchNextPage } = props;
  const { scroller, items, paddingTop, paddingBottom } = useFixedRows(rows.length, ROW_HEIGHT, 4);
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    // Short search pages (a scan window with few matches) simply keep this going until the view is full.
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - PREFETCH_ROWS) fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, lastIndex, rows.length, fetchNextPage]);

  // A new filter set starts at the top of its results.
  useEffect(() => {
    scroller.current?.scrollTo(0, 0);
  }, [props.filterKey, scroller]);

  return (
    <TableContainer ref={scroller} sx={{ flex: 1, minHeight: 240, overflow: 'auto' }}>
      <Table
        stickyHeader
        size="small"
        aria-label="Invites"
        sx={{ tableLayout: 'fixed', minWidth: 1000, '& th, & td': { px: 1.25 }, '& th:first-of-type, & td:first-of-type': { pl: 2 } }}
      >
        <TableHead>
          <TableRow>
            {COLUMNS.map((c) => (
              <TableCell key={c.label} sx={{ width: c.width }}>
                {c.hidden ? <Box component="span" sx={visuallyHidden}>{c.label}</Box> : c.label}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody data-rows-for={props.filterKey}>
          {paddingTop > 0 && <tr aria-hidden style={{ height: paddingTop }} />}
          {items.map((item) => (
            <InviteTableRow
              key={rows[item.index]!.id}
              invite={rows[item.index]!}
              index={item.index}
              now={now}
              smtpConfigured={props.smtpConfigured}
              onOpen={props.onOpen}
              onReissue={props.onReissue}
              onRevoke={props.onRevoke}
            />
          ))}
          {paddingBottom > 0 && <tr aria-hidden style={{ height: paddingBottom }} />}
        </TableBody>
      </Table>
      {hasNextPage && (
        <Typography variant="caption" color="text.secondary" role="status" sx={{ display: 'block', textAlign: 'center', py: 1.5 }}>
          {isFetchingNextPage ? 'Loading older invites…' : 'Scroll for older invites'}
        </Typography>
      )}
    </TableContainer>
  );
}
