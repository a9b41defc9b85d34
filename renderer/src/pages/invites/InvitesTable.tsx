import { Table, TableBody, TableContainer, Typography } from '@mui/material';
import { memo, useCallback, useEffect, useState } from 'react';
import type { InviteRow } from '../../../../shared/contract';
import { expiryLabel } from '../../../../shared/format/expiry-label';
import { inviteResult, inviteSituation } from '../../../../shared/format/invite-result';
import { formatCompactDateTime } from '../../../../shared/format/time';
import { STATUS_LOOK } from '../../components/InviteStatusChip';
import { FixedColumnsHead, SpacerRow, type FixedColumn } from '../../components/FixedTableParts';
import { titleWithFullTime } from '../../components/full-time-title';
import { useFixedRows } from '../../components/use-fixed-rows';
import { OLD_ADDRESS_SENTENCE, pointsElsewhere } from '../../../../shared/invites/link-served';
import { EmailDeliveryIcon } from './EmailDeliveryIcon';
import { InviteActionsMenu, type OpenActions } from './InviteActionsMenu';
import { useMay } from '../../api/use-may';
import { RowChip } from '../../components/RowChip';
import { inviteRowsStyle, ROW_HEIGHT } from './invite-rows-style';

/** Load the next page when the last rendered row is this close to the end of what is loaded. */
const PREFETCH_ROWS = 30;

// Fixed widths keep columns steady as virtual rows come and go; the email takes the rest.
const COLUMNS: FixedColumn[] = [
  { label: 'Created', width: 136 },
  { label: 'Status', width: 100 },
  { label: 'Pool', width: 108 },
  { label: 'Codex account email' },
  { label: 'Invited by', width: 108 },
  { label: 'Email', width: 52 },
  { label: 'Result', width: 192 },
  { label: 'Expires', width: 96 },
  { label: 'Actions', width: 40, hidden: true },
];

/** A team server names operators by email: the narrow column shows the part before the @ (the whole on hover). */
const shortName = (name: string) => (name.includes('@') ? name.slice(0, name.indexOf('@')) : name);

interface RowProps {
  invite: InviteRow;
  /** Its link points to an address this console no longer serves. */
  oldAddress: boolean;
  now: number;
  index: number;
  onOpen(invite: InviteRow): void;
  /** Null when this operator may not change it (a viewer, or another Pool's admin on a team server). */
  onActions: ((invite: InviteRow, anchor: HTMLElement) => void) | null;
}

// Plain elements styled by the table (see invite-rows-style.ts), and native title attributes
// for hover text: a screenful of rows mounts at every filter change.
const InviteTableRow = memo(function InviteTableRow({ invite, oldAddress, now, index, onOpen, onActions }: RowProps) {
  const situation = inviteSituation(invite, now);
  const look = STATUS_LOOK[situation];
  const result = inviteResult(invite, now);
  return (
    <tr
      data-index={index}
      data-invite-id={invite.id}
      tabIndex={0}
      aria-label={`${invite.kind === 'relink' ? 'Relink link for' : 'Invite to'} ${invite.email}`}
      onClick={() => onOpen(invite)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onOpen(invite);
      }}
    >
      <td className="invite-small" data-full-time={invite.createdAt}>
        {formatCompactDateTime(invite.createdAt, now)}
      </td>
      <td>
        <RowChip look={look} />
      </td>
      <td title={invite.poolName}>
        {invite.poolName}
        {invite.poolStatus !== 'active' && <span className="invite-note">{` (${invite.poolStatus})`}</span>}
      </td>
      {invite.kind === 'relink' ? (
        // The marker on a line of its own under the email, so the email keeps the column's width.
        <td className="invite-email invite-relink" title={`Relink link for ${invite.email}`}>
          <span>{invite.email}</span>
          <span className="invite-kind">Relink</span>
        </td>
      ) : (
        <td className="invite-email" title={invite.email}>
          {invite.email}
        </td>
      )}
      <td className="invite-small" title={invite.createdBy}>
        {shortName(invite.createdBy)}
      </td>
      <td>
        <EmailDeliveryIcon invite={invite} />
      </td>
      {oldAddress && situation === 'active' ? (
        <td className="invite-result" title={OLD_ADDRESS_SENTENCE}>
          <span className="invite-warning">Link at an old address</span>
          <span className="invite-muted">Reissue to fix it</span>
        </td>
      ) : (
        <td className="invite-result" title={result.sentence}>
          <span className={situation === 'active' ? 'invite-muted' : undefined}>{result.headline}</span>
          {result.detail && <span className="invite-muted">{result.detail}</span>}
        </td>
      )}
      <td
        className={situation === 'paused' ? 'invite-small invite-muted' : 'invite-small'}
        data-full-time={invite.expiresAt}
      >
        {situation === 'active' || situation === 'paused'
          ? expiryLabel(invite.expiresAt, now, invite.createdAt)
          : situation === 'expired'
            ? 'Expired'
            : '—'}
      </td>
      <td className="row-actions">
        {situation === 'active' && onActions && (
          <button
            type="button"
            aria-label={`Actions for the invite to ${invite.email}`}
            aria-haspopup="menu"
            onClick={(e) => {
              e.stopPropagation();
              onActions(invite, e.currentTarget);
            }}
            onKeyDown={(e) => e.stopPropagation()}
          >
            <span className="row-menu-glyph" />
          </button>
        )}
      </td>
    </tr>
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
  /** Where links made now point: active invites pointing elsewhere are flagged. */
  servedBase: string | undefined;
  /** The filters the rows were fetched for: resets the scroll, and lets a benchmark see a change paint. */
  filterKey: string;
}

/**
 * Every matching invite, reachable by scrolling: only the rows in view (and a margin) are in
 * the DOM, and the next keyset page loads as the end comes into view.
 */
export function InvitesTable(props: Props) {
  const { rows, now, hasNextPage, isFetchingNextPage, fetchNextPage } = props;
  const { scroller, items, paddingTop, paddingBottom, scrollToTop } = useFixedRows(rows.length, ROW_HEIGHT, 4);
  const [actions, setActions] = useState<OpenActions | null>(null);
  const openActions = useCallback((invite: InviteRow, anchor: HTMLElement) => setActions({ invite, anchor }), []);
  const may = useMay();
  const closeActions = useCallback(() => setActions(null), []);
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    // Short search pages (a scan window with few matches) simply keep this going until the view is full.
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - PREFETCH_ROWS) fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, lastIndex, rows.length, fetchNextPage]);

  // A new filter set starts at the top of its results.
  useEffect(scrollToTop, [props.filterKey, scrollToTop]);

  return (
    // A labelled, focusable region: the keyboard can scroll it, and tests find it by name.
    <TableContainer
      ref={scroller}
      role="region"
      aria-label="Invites list"
      tabIndex={0}
      sx={{ flex: 1, minHeight: 240, overflow: 'auto' }}
    >
      <Table
        stickyHeader
        size="small"
        aria-label="Invites"
        sx={(theme) => ({
          tableLayout: 'fixed',
          minWidth: 960,
          ...inviteRowsStyle(theme),
        })}
      >
        <FixedColumnsHead columns={COLUMNS} />
        <TableBody data-rows-for={props.filterKey} onPointerOver={titleWithFullTime}>
          <SpacerRow height={paddingTop} />
          {items.map((item) => (
            <InviteTableRow
              key={rows[item.index]!.id}
              invite={rows[item.index]!}
              oldAddress={pointsElsewhere(rows[item.index]!, props.servedBase)}
              index={item.index}
              now={now}
              onOpen={props.onOpen}
              onActions={may('invites.revoke', [rows[item.index]!.poolId]) ? openActions : null}
            />
          ))}
          <SpacerRow height={paddingBottom} />
        </TableBody>
      </Table>
      {hasNextPage && (
        <Typography
          variant="caption"
          color="textSecondary"
          role="status"
          sx={{ display: 'block', textAlign: 'center', py: 1.5 }}
        >
          {isFetchingNextPage ? 'Loading older invites…' : 'Scroll for older invites'}
        </Typography>
      )}
      <InviteActionsMenu
        open={actions}
        smtpConfigured={props.smtpConfigured}
        onClose={closeActions}
        onReissue={props.onReissue}
        onRevoke={props.onRevoke}
      />
    </TableContainer>
  );
}
