import AddIcon from '@mui/icons-material/Add';
import WorkspacesOutlinedIcon from '@mui/icons-material/WorkspacesOutlined';
import { Alert, Button, FormControlLabel, Paper, Switch } from '@mui/material';
import { useState } from 'react';
import type { Pool, PoolStatus } from '../../../shared/contract';
import { errorMessage } from '../api/api-error';
import { useCall } from '../api/mutations';
import { usePools } from '../api/queries';
import { useMay } from '../api/use-may';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyState } from '../components/EmptyState';
import { useNotify } from '../components/Notifier';
import { PageHeader } from '../components/PageHeader';
import { PoolNameDialog } from '../components/PoolNameDialog';
import { TableSkeleton } from '../components/TableSkeleton';
import { PoolsTable, type PoolActions } from './pools/PoolsTable';

type DialogState = { kind: 'create' } | { kind: 'rename'; pool: Pool } | { kind: 'archive'; pool: Pool } | null;

export function PoolsPage() {
  const notify = useNotify();
  const pools = usePools();
  const createPool = useCall('pools.create');
  const renamePool = useCall('pools.rename');
  const setPoolStatus = useCall('pools.setStatus');
  const [dialog, setDialog] = useState<DialogState>(null);
  const [showArchived, setShowArchived] = useState(false);

  const all = pools.data ?? [];
  const archivedCount = all.filter((p) => p.status === 'archived').length;
  const visible = showArchived ? all : all.filter((p) => p.status !== 'archived');

  const setStatus = async (pool: Pool, status: PoolStatus) => {
    try {
      await setPoolStatus.mutateAsync({ id: pool.id, status });
      notify(`${pool.name} ${status === 'active' ? 'enabled' : status}.`);
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  };

  // On a team server, Pools are its owners' to make and change.
  const mayManage = useMay()('pools.create');
  const actions: PoolActions | null = mayManage
    ? {
        rename: (pool) => setDialog({ kind: 'rename', pool }),
        archive: (pool) => setDialog({ kind: 'archive', pool }),
        setStatus: (pool, status) => void setStatus(pool, status),
      }
    : null;
  const createButton = mayManage && (
    <Button variant="contained" startIcon={<AddIcon />} onClick={() => setDialog({ kind: 'create' })}>
      Create Pool
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Pools"
        subtitle="Pools group the Codex accounts you onboard. Invites always target an active Pool."
        actions={
          <>
            {archivedCount > 0 && (
              <FormControlLabel
                control={
                  <Switch size="small" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
                }
                label={`Show archived (${archivedCount})`}
                sx={{ mr: 1, color: 'text.secondary' }}
              />
            )}
            {all.length > 0 && createButton}
          </>
        }
      />

      {pools.error && <Alert severity="error">{errorMessage(pools.error)}</Alert>}

      <Paper variant="outlined">
        {pools.isPending ? (
          <TableSkeleton rows={3} />
        ) : all.length === 0 ? (
          <EmptyState
            icon={<WorkspacesOutlinedIcon />}
            title="No Pools yet"
            body={
              mayManage
                ? 'A Pool is where onboarded Codex accounts land. Create one, then invite accounts into it.'
                : 'A Pool is where onboarded Codex accounts land. An owner of this team server creates them.'
            }
            action={createButton}
          />
        ) : visible.length === 0 ? (
          <EmptyState
            icon={<WorkspacesOutlinedIcon />}
            title="Every Pool is archived"
            body="Archived Pools are hidden. Show them with the switch above, or create a new Pool."
            action={createButton}
          />
        ) : (
          <PoolsTable pools={visible} actions={actions} />
        )}
      </Paper>

      {(dialog?.kind === 'create' || dialog?.kind === 'rename') && (
        <PoolNameDialog
          {...(dialog.kind === 'rename' ? { pool: dialog.pool } : {})}
          pools={all}
          onClose={() => setDialog(null)}
          onSubmit={async (name) => {
            const pool =
              dialog.kind === 'rename'
                ? await renamePool.mutateAsync({ id: dialog.pool.id, name })
                : await createPool.mutateAsync({ name });
            notify(dialog.kind === 'rename' ? `Renamed to ${pool.name}.` : `Pool ${pool.name} created.`);
          }}
        />
      )}
      <ConfirmDialog
        open={dialog?.kind === 'archive'}
        title={dialog?.kind === 'archive' ? `Archive the Pool ${dialog.pool.name}?` : ''}
        body="Archived Pools cannot be renamed, enabled again or targeted by invites, and their invite URLs stop working. Their invites and audit history stay visible for review. This cannot be undone."
        confirmLabel="Archive Pool"
        danger
        onClose={() => setDialog(null)}
        onConfirm={async () => {
          if (dialog?.kind !== 'archive') return;
          await setPoolStatus.mutateAsync({ id: dialog.pool.id, status: 'archived' });
          notify(`${dialog.pool.name} archived.`);
        }}
      />
    </>
  );
}
