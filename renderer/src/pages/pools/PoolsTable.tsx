import { ListItemText, Menu, MenuItem, Table } from '@mui/material';
import type { Theme } from '@mui/material/styles';
import { useState } from 'react';
import type { Pool, PoolStatus } from '../../../../shared/contract';
import { formatDateTime } from '../../../../shared/format/time';
import { FixedColumnsHead, type FixedColumn } from '../../components/FixedTableParts';
import { titleWithFullTime } from '../../components/full-time-title';
import { plainRowsStyle } from '../../components/plain-rows-style';
import { RowChip } from '../../components/RowChip';
import { POOL_STATUS_LOOK } from '../../components/pool-status-look';

export interface PoolActions {
  rename(pool: Pool): void;
  archive(pool: Pool): void;
  setStatus(pool: Pool, status: PoolStatus): void;
}

/** A Pool's menu, made once first opened (then kept, so it closes with its transition). */
function PoolMenu({ pool, actions }: { pool: Pool; actions: PoolActions }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [opened, setOpened] = useState(false);
  const act = (fn: () => void) => () => {
    setAnchor(null);
    fn();
  };
  return (
    <>
      <button
        type="button"
        aria-label={`Actions for ${pool.name}`}
        aria-haspopup="menu"
        onClick={(e) => {
          setOpened(true);
          setAnchor(e.currentTarget);
        }}
      >
        <span className="row-menu-glyph" />
      </button>
      {opened && (
        <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
          <MenuItem onClick={act(() => actions.rename(pool))}>Rename…</MenuItem>
          {pool.status === 'active' ? (
            <MenuItem onClick={act(() => actions.setStatus(pool, 'disabled'))}>
              <ListItemText primary="Disable" secondary="Invite URLs stop working until enabled" />
            </MenuItem>
          ) : (
            <MenuItem onClick={act(() => actions.setStatus(pool, 'active'))}>Enable</MenuItem>
          )}
          <MenuItem onClick={act(() => actions.archive(pool))} sx={{ color: 'error.main' }}>
            Archive…
          </MenuItem>
        </Menu>
      )}
    </>
  );
}

// Plain elements styled by the table, and native titles for the full times (made on hover): one
// styled component per cell (and a menu per row) was most of what painting the table cost.
function PoolRow({ pool, actions }: { pool: Pool; actions: PoolActions | null }) {
  const look = POOL_STATUS_LOOK[pool.status];
  return (
    <tr data-pool-id={pool.id} className={pool.status === 'archived' ? 'pool-archived' : undefined}>
      <td className="pool-name">
        <span>{pool.name}</span>
        <span className="pool-slug">{pool.slug}</span>
      </td>
      <td>
        <RowChip look={look} />
      </td>
      <td className="pool-time" data-full-time={pool.createdAt}>
        {formatDateTime(pool.createdAt)}
      </td>
      <td className="pool-time" data-full-time={pool.updatedAt}>
        {formatDateTime(pool.updatedAt)}
      </td>
      <td className="row-actions">
        {actions && pool.status !== 'archived' && <PoolMenu pool={pool} actions={actions} />}
      </td>
    </tr>
  );
}

// The name takes the width left; the actions column is named for screen readers only.
const COLUMNS: FixedColumn[] = [
  { label: 'Name' },
  { label: 'Status' },
  { label: 'Created' },
  { label: 'Last changed' },
  { label: 'Actions', width: 56, hidden: true },
];

const poolRowsStyle = (theme: Theme) => ({
  ...plainRowsStyle(theme, 'tr[data-pool-id]'),
  '& tr.pool-archived': { opacity: 0.65 },
  '& td.pool-name': { maxWidth: '360px' },
  '& td.pool-name > span': { display: 'block' },
  '& td.pool-name > span:first-of-type': { fontWeight: 600, overflowWrap: 'anywhere' },
  '& .pool-slug': { ...theme.typography.caption, color: theme.palette.text.secondary, fontFamily: 'monospace' },
  '& td.pool-time': { whiteSpace: 'nowrap' },
});

/** The Pools, one row each; `actions` null when this operator may not change them. */
export function PoolsTable({ pools, actions }: { pools: Pool[]; actions: PoolActions | null }) {
  return (
    <div style={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Pools" sx={poolRowsStyle}>
        <FixedColumnsHead columns={COLUMNS} />
        <tbody onPointerOver={titleWithFullTime}>
          {pools.map((pool) => (
            <PoolRow key={pool.id} pool={pool} actions={actions} />
          ))}
        </tbody>
      </Table>
    </div>
  );
}
