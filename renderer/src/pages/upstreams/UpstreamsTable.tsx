import {
  Chip,
  CircularProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableRow,
  Typography,
} from '@mui/material';
import { memo, useEffect } from 'react';
import type { UpstreamRow } from '../../../../shared/contract';
import { TimeText } from '../../components/TimeText';
import { FixedColumnsHead, SpacerRow, type FixedColumn } from '../../components/FixedTableParts';
import { fixedHeadStyle } from '../../components/plain-rows-style';
import { useFixedRows } from '../../components/use-fixed-rows';
import { CredentialChip } from './CredentialChip';
import { QuotaBars } from './QuotaBars';
import { UpstreamRowActions, type UpstreamAction } from './UpstreamRowActions';
import { useMay } from '../../api/use-may';

/** Every row is this tall (two quota windows and a status line fit), so nothing is measured while scrolling. */
const ROW_HEIGHT = 92;
/** Pool chips shown in a row; the rest are counted, and all are named on hover. */
const POOL_CHIPS = 2;

// Fixed widths keep columns steady as virtual rows come and go; the account takes the rest.
const COLUMNS: FixedColumn[] = [
  { label: 'Account' },
  { label: 'Pools', width: 150 },
  { label: 'Credentials', width: 210 },
  { label: 'Access token', width: 160 },
  { label: 'Quota', width: 270 },
  { label: 'Actions', width: 64, hidden: true },
];

const ellipsis = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

interface RowProps {
  upstream: UpstreamRow;
  now: number;
  index: number;
  /** The row a deep link (an alert's "Show") points at. */
  selected: boolean;
  /** Null when this operator may not act on it (a viewer, on a team server). */
  onAction: ((upstream: UpstreamRow, action: UpstreamAction) => void) | null;
}

const UpstreamTableRow = memo(function UpstreamTableRow({ upstream, now, index, selected, onAction }: RowProps) {
  const extraPools = upstream.pools.length - POOL_CHIPS;
  return (
    <TableRow
      hover
      selected={selected}
      aria-selected={selected}
      aria-label={`Account ${upstream.email}`}
      data-upstream-id={upstream.id}
      data-index={index}
      sx={{ height: ROW_HEIGHT, verticalAlign: 'top', '& td': { overflow: 'hidden' } }}
    >
      <TableCell>
        <Typography variant="body2" sx={{ ...ellipsis, fontWeight: 500 }} title={upstream.email}>
          {upstream.email}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {upstream.planType ? `${upstream.planType[0]!.toUpperCase()}${upstream.planType.slice(1)}` : 'Plan unknown'}
        </Typography>
      </TableCell>
      <TableCell>
        <Stack
          direction="row"
          sx={{ gap: 0.5, flexWrap: 'nowrap' }}
          title={upstream.pools.map((p) => p.name).join(', ') || undefined}
        >
          {upstream.pools.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              No Pool
            </Typography>
          ) : (
            upstream.pools
              .slice(0, POOL_CHIPS)
              .map((p) => <Chip key={p.id} size="small" variant="outlined" label={p.name} sx={{ maxWidth: 120 }} />)
          )}
          {extraPools > 0 && <Chip size="small" label={`+${extraPools}`} />}
        </Stack>
      </TableCell>
      <TableCell>
        <CredentialChip upstream={upstream} />
      </TableCell>
      <TableCell>
        <Typography variant="body2" component="div" noWrap>
          {upstream.accessTokenExpiresAt === null ? (
            'Expiry unknown'
          ) : (
            <>
              {upstream.accessTokenExpiresAt > now ? 'Expires ' : 'Expired '}
              <TimeText ms={upstream.accessTokenExpiresAt} now={now} style="relative-short" />
            </>
          )}
        </Typography>
        <Typography variant="caption" component="div" color="textSecondary" noWrap>
          {upstream.lastRefreshAt === null ? (
            'Never refreshed'
          ) : (
            <>
              Refreshed <TimeText ms={upstream.lastRefreshAt} now={now} style="relative-short" />
            </>
          )}
        </Typography>
      </TableCell>
      <TableCell>
        <QuotaBars quota={upstream.quota} now={now} />
      </TableCell>
      <TableCell sx={{ pr: 1 }}>
        <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'flex-end', gap: 0.5 }}>
          {/* A refresh, quota read or relink is running for this account. */}
          {upstream.busy && <CircularProgress size={14} aria-label={`Working on ${upstream.email}`} />}
          {onAction && (
            <UpstreamRowActions upstream={upstream} now={now} onAction={(action) => onAction(upstream, action)} />
          )}
        </Stack>
      </TableCell>
    </TableRow>
  );
});

/**
 * One row per upstream account: who, where, whether its credentials work, and how much quota is
 * left. Only the rows in view (and a margin) are in the DOM, so a thousand accounts open at once.
 */
export function UpstreamsTable({
  rows,
  now,
  selectedId,
  onAction,
}: {
  rows: UpstreamRow[];
  now: number;
  /** Scrolled into view and highlighted: the account a deep link names. */
  selectedId: string | null;
  onAction(upstream: UpstreamRow, action: UpstreamAction): void;
}) {
  const may = useMay();
  const { scroller, items, paddingTop, paddingBottom, scrollToIndex } = useFixedRows(rows.length, ROW_HEIGHT, 8);
  const selectedIndex = selectedId ? rows.findIndex((r) => r.id === selectedId) : -1;
  useEffect(() => {
    if (selectedIndex >= 0) scrollToIndex(selectedIndex);
  }, [selectedIndex, scrollToIndex]);
  return (
    // A labelled, focusable region: the keyboard can scroll it, and tests find it by name.
    <TableContainer
      ref={scroller}
      role="region"
      aria-label="Upstream accounts list"
      tabIndex={0}
      sx={{ flex: 1, minHeight: 240, overflow: 'auto' }}
    >
      <Table
        stickyHeader
        size="small"
        aria-label="Upstream accounts"
        sx={(theme) => ({ tableLayout: 'fixed', minWidth: 1000, ...fixedHeadStyle(theme) })}
      >
        <FixedColumnsHead columns={COLUMNS} />
        <TableBody>
          <SpacerRow height={paddingTop} />
          {items.map((item) => (
            <UpstreamTableRow
              key={rows[item.index]!.id}
              upstream={rows[item.index]!}
              index={item.index}
              selected={item.index === selectedIndex}
              now={now}
              onAction={
                may(
                  'upstreams.refresh',
                  rows[item.index]!.pools.map((p) => p.id),
                )
                  ? onAction
                  : null
              }
            />
          ))}
          <SpacerRow height={paddingBottom} />
        </TableBody>
      </Table>
    </TableContainer>
  );
}
