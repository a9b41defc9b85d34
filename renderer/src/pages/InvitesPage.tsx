import AddIcon from '@mui/icons-material/Add';
import EmailOutlinedIcon from '@mui/icons-material/EmailOutlined';
import SearchOffIcon from '@mui/icons-material/SearchOff';
import { Alert, Box, Button, CircularProgress, Paper, Stack, Typography } from '@mui/material';
import { useCallback, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { InviteRow, IssuedInvite, Pool, Settings } from '../../../shared/contract';
import { emailAddress } from '../../../shared/contract/fields';
import { errorMessage } from '../api/api-error';
import { useCall } from '../api/mutations';
import { useOnboardingSettings } from '../api/queries';
import { useMay } from '../api/use-may';
import { useInviteList } from '../api/use-invite-list';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyState } from '../components/EmptyState';
import { useNotify } from '../components/Notifier';
import { PageHeader } from '../components/PageHeader';
import { TableSkeleton } from '../components/TableSkeleton';
import { useNow } from '../components/use-now';
import { useShortcut } from '../components/use-shortcut';
import { WithSettingsAndPools } from '../components/WithSettingsAndPools';
import { CreateInviteDialog } from './invites/CreateInviteDialog';
import { ExportButton } from './invites/ExportButton';
import { InviteDetailsDrawer } from './invites/InviteDetailsDrawer';
import { InviteFilterBar } from './invites/InviteFilterBar';
import { InviteResultDialog } from './invites/InviteResultDialog';
import { InvitesTable } from './invites/InvitesTable';
import { useInviteFilters } from './invites/use-invite-filters';

type DialogState =
  | { kind: 'create' }
  | { kind: 'result'; issued: IssuedInvite; reissued: boolean }
  | { kind: 'revoke'; invite: InviteRow }
  | null;

const NEW_KEYS = ['n', 'N'];
const SEARCH_KEYS = ['/'];
const emailField = emailAddress();

function InvitesView({ settings, pools }: { settings: Settings; pools: Pool[] }) {
  const notify = useNotify();
  const { mutateAsync: reissueInvite } = useCall('invites.reissue');
  const revokeInvite = useCall('invites.revoke');
  // Ticks so "in 5 minutes" counts down and an invite that expires on screen turns Expired.
  const now = useNow(5_000);
  const state = useInviteFilters(settings.inviteFilters, pools);
  const list = useInviteList(state.filters, now);
  const onboarding = useOnboardingSettings();
  const [dialog, setDialog] = useState<DialogState>(null);
  const [detailsId, setDetailsId] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const hasActivePool = pools.some((p) => p.status === 'active');
  const may = useMay();
  // A viewer, on a team server, invites no one: nothing offers to.
  const mayInvite = may(
    'invites.create',
    pools.filter((p) => p.status === 'active').map((p) => p.id),
  );
  const filtered = Boolean(state.filters.poolId || state.filters.status || state.filters.search);

  useShortcut(NEW_KEYS, () => setDialog({ kind: 'create' }), hasActivePool && mayInvite && dialog === null);
  useShortcut(SEARCH_KEYS, () => searchRef.current?.focus());

  const openDetails = useCallback((invite: InviteRow) => setDetailsId(invite.id), []);
  const revoke = useCallback((invite: InviteRow) => setDialog({ kind: 'revoke', invite }), []);
  const reissue = useCallback(
    async (id: string) => {
      try {
        setDialog({ kind: 'result', issued: await reissueInvite({ id }), reissued: true });
      } catch (err) {
        notify(errorMessage(err), 'error');
      }
    },
    [reissueInvite, notify],
  );
  const onReissue = useCallback((invite: InviteRow) => void reissue(invite.id), [reissue]);

  const createButton = (
    <Button
      variant="contained"
      startIcon={<AddIcon />}
      onClick={() => setDialog({ kind: 'create' })}
      disabled={!hasActivePool}
    >
      Create Pool invite
    </Button>
  );
  const searchedEmail = emailField.safeParse(state.filters.search ?? '');

  let body;
  if (list.error) {
    body = <Alert severity="error">{errorMessage(list.error)}</Alert>;
  } else if (list.isPending) {
    body = <TableSkeleton rows={6} />;
  } else if (list.rows.length === 0 && list.isPlaceholderData) {
    body = (
      <Stack
        role="status"
        direction="row"
        spacing={1.5}
        sx={{ p: 4, justifyContent: 'center', alignItems: 'center', color: 'text.secondary' }}
      >
        <CircularProgress size={18} />
        <Typography variant="body2">Searching older invites…</Typography>
      </Stack>
    );
  } else if (list.rows.length === 0) {
    body =
      !mayInvite && !filtered ? (
        <EmptyState icon={<EmailOutlinedIcon />} title="No invites yet" body="Invites your team creates show here." />
      ) : !hasActivePool && !filtered ? (
        <EmptyState
          icon={<EmailOutlinedIcon />}
          title="Create a Pool first"
          body="Every invite targets an active Pool."
          action={
            <Button variant="contained" component={Link} to="/pools">
              Create a Pool
            </Button>
          }
        />
      ) : filtered ? (
        <EmptyState
          icon={<SearchOffIcon />}
          title="No invites match the current filters."
          action={<Button onClick={state.clear}>Clear filters</Button>}
        />
      ) : (
        <EmptyState
          icon={<EmailOutlinedIcon />}
          title="No invites yet"
          body="Create a one-time invite link for a Codex account. You copy it once, or the console emails it."
          action={
            <Button variant="outlined" startIcon={<AddIcon />} onClick={() => setDialog({ kind: 'create' })}>
              Create the first invite
            </Button>
          }
        />
      );
  } else {
    body = (
      <InvitesTable
        rows={list.rows}
        now={now}
        smtpConfigured={settings.smtpConfigured}
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={() => void list.fetchNextPage()}
        onOpen={openDetails}
        onReissue={onReissue}
        onRevoke={revoke}
        servedBase={onboarding.data?.status.publicUrl}
        filterKey={list.isPlaceholderData ? 'loading' : JSON.stringify(state.filters)}
      />
    );
  }

  return (
    // The page fills the window (less the shell's padding) so the table scrolls inside it.
    <Box sx={{ display: 'flex', flexDirection: 'column', height: 'calc(100vh - 64px)', minHeight: 480 }}>
      <PageHeader
        title="Invites"
        subtitle={`One-time invite URLs that onboard Codex accounts into a Pool. ${mayInvite ? 'Press N for a new invite, / to search.' : 'Press / to search.'}`}
        actions={
          <>
            <ExportButton filters={state.filters} />
            {mayInvite && createButton}
          </>
        }
      />
      <InviteFilterBar state={state} pools={pools} searchRef={searchRef} />
      <Paper
        variant="outlined"
        sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, overflow: 'hidden' }}
      >
        {body}
      </Paper>

      {dialog?.kind === 'create' && (
        <CreateInviteDialog
          pools={pools}
          smtpConfigured={settings.smtpConfigured}
          initial={{
            poolId: state.filters.poolId ?? '',
            email: searchedEmail.success ? searchedEmail.data : '',
          }}
          onClose={() => setDialog(null)}
          onCreated={(issued) => setDialog({ kind: 'result', issued, reissued: false })}
        />
      )}
      {dialog?.kind === 'result' && (
        <InviteResultDialog issued={dialog.issued} reissued={dialog.reissued} onDone={() => setDialog(null)} />
      )}
      <ConfirmDialog
        open={dialog?.kind === 'revoke'}
        title={dialog?.kind === 'revoke' ? `Revoke the invite for ${dialog.invite.email}?` : ''}
        body="The invite URL stops working immediately. Upstream accounts already onboarded keep working."
        confirmLabel="Revoke"
        danger
        onClose={() => setDialog(null)}
        onConfirm={async () => {
          if (dialog?.kind !== 'revoke') return;
          await revokeInvite.mutateAsync({ id: dialog.invite.id });
          notify(`The invite for ${dialog.invite.email} was revoked.`);
        }}
      />
      <InviteDetailsDrawer
        inviteId={detailsId}
        now={now}
        servedBase={onboarding.data?.status.publicUrl}
        smtpConfigured={settings.smtpConfigured}
        onReissue={(id) => void reissue(id)}
        onClose={() => setDetailsId(null)}
      />
    </Box>
  );
}

export function InvitesPage() {
  return (
    <WithSettingsAndPools skeletonRows={6}>
      {(settings, pools) => <InvitesView settings={settings} pools={pools} />}
    </WithSettingsAndPools>
  );
}
