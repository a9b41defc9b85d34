import HubOutlinedIcon from '@mui/icons-material/HubOutlined';
import SearchOffIcon from '@mui/icons-material/SearchOff';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Alert, Box, Button, Paper, Stack } from '@mui/material';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  CREDENTIAL_STATES,
  type CredentialState,
  type IssuedInvite,
  type Pool,
  type Settings,
  type UpstreamRow,
} from '../../../shared/contract';
import { errorMessage } from '../api/api-error';
import { useCall } from '../api/mutations';
import { useUpstreamList } from '../api/queries';
import { useMay } from '../api/use-may';
import { EmptyState } from '../components/EmptyState';
import { FilterSelect, poolFilterOptions, type FilterOption } from '../components/FilterSelect';
import { useNotify } from '../components/Notifier';
import { PageHeader } from '../components/PageHeader';
import { TableSkeleton } from '../components/TableSkeleton';
import { useNow } from '../components/use-now';
import { WithSettingsAndPools } from '../components/WithSettingsAndPools';
import { CreateInviteDialog } from './invites/CreateInviteDialog';
import { InviteResultDialog } from './invites/InviteResultDialog';
import { reasonText } from '../../../shared/format/credential-caption';
import { CREDENTIAL_LABELS } from './upstreams/CredentialChip';
import { ExportAuthDialog } from './upstreams/ExportAuthDialog';
import { ImportAuthDialog } from './upstreams/ImportAuthDialog';
import { RelinkDialog, useRelink } from './upstreams/RelinkDialog';
import { RelinkLinkDialog } from './upstreams/RelinkLinkDialog';
import { RemoveFromPoolDialog } from './upstreams/RemoveFromPoolDialog';
import type { UpstreamAction } from './upstreams/UpstreamRowActions';
import { UpstreamsTable } from './upstreams/UpstreamsTable';

type DialogState =
  | { kind: 'import' }
  | { kind: 'relink' | 'relinkLink' | 'remove' | 'export' | 'reinvite'; upstream: UpstreamRow }
  | { kind: 'result'; issued: IssuedInvite }
  | null;

const STATE_OPTIONS: FilterOption[] = [
  { value: '', label: 'All states' },
  ...CREDENTIAL_STATES.map((s) => ({ value: s, label: CREDENTIAL_LABELS[s] })),
];

function UpstreamsView({ settings, pools }: { settings: Settings; pools: Pool[] }) {
  const notify = useNotify();
  const may = useMay();
  // mutateAsync is stable across renders, which keeps `act` (and so every memoised row) stable.
  const { mutateAsync: refreshToken } = useCall('upstreams.refresh');
  const { mutateAsync: readQuota } = useCall('upstreams.checkQuota');
  // Ticks so expiry, reset and "stale" texts stay true while the page is open.
  const now = useNow(15_000);
  // The filters live in the address (`#/upstreams?pool=…&state=…&account=…`), so an alert's link
  // lands on the right rows, and the account it names is highlighted.
  const [params, setParams] = useSearchParams();
  const linkedPool = params.get('pool') ?? '';
  const poolId = pools.some((p) => p.id === linkedPool) ? linkedPool : '';
  const linkedState = params.get('state') ?? '';
  const state = (CREDENTIAL_STATES as readonly string[]).includes(linkedState) ? (linkedState as CredentialState) : '';
  const selectedId = params.get('account');
  const setFilter = (key: 'pool' | 'state', value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        next.delete('account');
        return next;
      },
      { replace: true },
    );
  const setPoolId = (value: string) => setFilter('pool', value);
  const setState = (value: CredentialState | '') => setFilter('state', value);
  const [dialog, setDialog] = useState<DialogState>(null);
  const filters = { ...(poolId ? { poolId } : {}), ...(state ? { state } : {}) };
  const list = useUpstreamList(filters);
  const relink = useRelink(dialog?.kind === 'relink' ? dialog.upstream.id : null);
  const startRelink = relink.start;

  // Stable, so the memoised rows re-render only when their own account changes.
  const act = useCallback(
    async (upstream: UpstreamRow, action: UpstreamAction) => {
      // A relink asks OpenAI for a code from this click, not from the dialog mounting.
      if (action === 'relink') startRelink(upstream.id);
      if (action !== 'refresh' && action !== 'quota') return setDialog({ kind: action, upstream });
      try {
        if (action === 'refresh') {
          const row = await refreshToken({ id: upstream.id });
          if (row.credentialState === 'ready') notify(`The token of ${upstream.email} was refreshed.`, 'success');
          else
            notify(
              `The token of ${upstream.email} could not be refreshed: ${reasonText(row.credentialReason ?? 'unknown')}.`,
              'error',
            );
        } else {
          const row = await readQuota({ id: upstream.id });
          if (row.quota.error) notify(`The quota of ${upstream.email} could not be read: ${row.quota.error}.`, 'error');
          else notify(`The quota of ${upstream.email} was read.`, 'success');
        }
      } catch (err) {
        notify(errorMessage(err), 'error');
      }
    },
    [notify, refreshToken, readQuota, startRelink],
  );
  const onAction = useCallback((upstream: UpstreamRow, action: UpstreamAction) => void act(upstream, action), [act]);

  const filtered = Boolean(poolId || state);
  let body;
  if (list.error) body = <Alert severity="error">{errorMessage(list.error)}</Alert>;
  else if (!list.data) body = <TableSkeleton rows={4} />;
  else if (list.data.length === 0) {
    body = filtered ? (
      <EmptyState
        icon={<SearchOffIcon />}
        title="No accounts match the current filters."
        action={<Button onClick={() => setParams({}, { replace: true })}>Clear filters</Button>}
      />
    ) : (
      <EmptyState
        icon={<HubOutlinedIcon />}
        title="No onboarded accounts yet"
        body="Accounts appear here once an invitee approves the device-code login from their invite URL, or when you import a Codex auth.json."
      />
    );
  } else body = <UpstreamsTable rows={list.data} now={now} selectedId={selectedId} onAction={onAction} />;

  // One of the account's own active Pools, or none: never an unrelated Pool picked for it.
  const reinvitePool =
    dialog?.kind === 'reinvite' ? dialog.upstream.pools.find((p) => p.status === 'active') : undefined;

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: 'calc(100vh - 64px)', minHeight: 480 }}>
      <PageHeader
        title="Upstreams"
        subtitle="Onboarded Codex accounts: whether their credentials work, and how much quota they have left."
        actions={
          may(
            'upstreams.importAuth',
            pools.map((p) => p.id),
          ) && (
            <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={() => setDialog({ kind: 'import' })}>
              Import auth.json
            </Button>
          )
        }
      />
      <Stack direction="row" spacing={2} sx={{ mb: 2 }}>
        <FilterSelect label="Pool" value={poolId} options={poolFilterOptions(pools)} onChange={setPoolId} width={220} />
        <FilterSelect
          label="Credentials"
          value={state}
          options={STATE_OPTIONS}
          onChange={(v) => setState(v as CredentialState | '')}
          width={200}
        />
      </Stack>
      <Paper
        variant="outlined"
        sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, overflow: 'hidden' }}
      >
        {body}
      </Paper>

      {dialog?.kind === 'import' && <ImportAuthDialog pools={pools} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'relink' && (
        <RelinkDialog upstream={dialog.upstream} relink={relink} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'remove' && <RemoveFromPoolDialog upstream={dialog.upstream} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'reinvite' && (
        <CreateInviteDialog
          pools={pools}
          smtpConfigured={settings.smtpConfigured}
          initial={{ poolId: reinvitePool?.id ?? null, email: dialog.upstream.email }}
          onClose={() => setDialog(null)}
          onCreated={(issued) => setDialog({ kind: 'result', issued })}
        />
      )}
      {dialog?.kind === 'result' && (
        <InviteResultDialog issued={dialog.issued} reissued={false} onDone={() => setDialog(null)} />
      )}
      {dialog?.kind === 'export' && <ExportAuthDialog upstream={dialog.upstream} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'relinkLink' && (
        <RelinkLinkDialog
          upstream={dialog.upstream}
          smtpConfigured={settings.smtpConfigured}
          onIssued={(issued) => setDialog({ kind: 'result', issued })}
          onClose={() => setDialog(null)}
        />
      )}
    </Box>
  );
}

export function UpstreamsPage() {
  return (
    <WithSettingsAndPools skeletonRows={4}>
      {(settings, pools) => <UpstreamsView settings={settings} pools={pools} />}
    </WithSettingsAndPools>
  );
}
