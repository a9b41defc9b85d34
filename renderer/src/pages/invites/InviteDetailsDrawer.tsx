import CloseIcon from '@mui/icons-material/Close';
import {
  Alert,
  Button,
  Box,
  Divider,
  Drawer,
  IconButton,
  List,
  ListItem,
  ListItemText,
  Skeleton,
  Stack,
  Typography,
} from '@mui/material';
import type { ReactNode } from 'react';
import type { RetrievedInvite } from '../../../../shared/contract';
import { describeAuditEntry } from '../../../../shared/format/audit-sentence';
import { expiryLabel } from '../../../../shared/format/expiry-label';
import { formatDateTimeFull } from '../../../../shared/format/time';
import { errorMessage } from '../../api/api-error';
import { useInviteDetails } from '../../api/queries';
import { InviteStatusChip } from '../../components/InviteStatusChip';
import { inviteSituation } from '../../../../shared/format/invite-result';
import { SMTP_UNAVAILABLE } from './InviteActionsMenu';
import { OLD_ADDRESS_SENTENCE, pointsElsewhere } from '../../../../shared/invites/link-served';
import { Sentence } from '../../components/Sentence';
import { receiptFrom, receiptLine } from '../../../../shared/onboarding/receipt';
import { useUpstreamList } from '../../api/queries';
import { TimeText } from '../../components/TimeText';

const WIDTH = 460;
const ms = (seconds: number | null) => (seconds === null ? null : seconds * 1000);

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box component="div" sx={{ display: 'grid', gridTemplateColumns: '150px 1fr', gap: 2, py: 0.75 }}>
      <Typography variant="body2" color="textSecondary" component="dt">
        {label}
      </Typography>
      <Typography variant="body2" component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
        {children}
      </Typography>
    </Box>
  );
}

function when(seconds: number | null): ReactNode {
  const at = ms(seconds);
  return at === null ? '—' : <TimeText ms={at} />;
}

/** What the console read of the account right after it connected, as the invitee saw it. */
function ReceiptField({ upstreamId }: { upstreamId: string }) {
  const accounts = useUpstreamList({});
  const account = accounts.data?.find((u) => u.id === upstreamId);
  if (!account) return null;
  const receipt = receiptFrom(account.planType, account.quota);
  return (
    <Field label="Receipt">{receipt ? receiptLine(account.email, receipt) : 'Reading the account’s usage…'}</Field>
  );
}

function Facts({ invite, now }: { invite: RetrievedInvite; now: number }) {
  return (
    <Box component="dl" sx={{ m: 0 }}>
      <Field label="Pool">
        {invite.pool.name}
        {invite.pool.status !== 'active' && invite.status === 'active' && (
          <Typography component="span" variant="body2" color="textSecondary">
            {invite.pool.status === 'disabled'
              ? ' (disabled: the link is paused until the Pool is enabled again)'
              : ' (archived: the link no longer works)'}
          </Typography>
        )}
      </Field>
      {invite.kind === 'relink' && (
        <Field label="Restores">
          The account {invite.email}: its owner signs in again and the Pool keeps it, with new tokens.
        </Field>
      )}
      <Field label={invite.kind === 'relink' ? 'Issued by' : 'Invited by'}>{invite.invited_by}</Field>
      <Field label="Created">{when(invite.created_at)}</Field>
      <Field label="Expires">
        <span title={formatDateTimeFull(invite.expires_at * 1000)}>
          {invite.status === 'active'
            ? expiryLabel(invite.expires_at * 1000, now, invite.created_at * 1000)
            : when(invite.expires_at)}
        </span>
      </Field>
      {invite.accepted_at !== null && <Field label="Accepted">{when(invite.accepted_at)}</Field>}
      {invite.accepted_by_email !== null && <Field label="Accepted by">{invite.accepted_by_email}</Field>}
      {invite.status === 'accepted' && invite.upstream_id !== null && <ReceiptField upstreamId={invite.upstream_id} />}
      {invite.revoked_at !== null && <Field label="Revoked">{when(invite.revoked_at)}</Field>}
      <Field label="Invite email">
        {invite.email_sent_at !== null ? (
          <>Sent {when(invite.email_sent_at)}</>
        ) : invite.email_error ? (
          `Failed: ${invite.email_error}`
        ) : (
          'Not sent'
        )}
      </Field>
      {invite.upstream_id !== null && <Field label="Upstream">{invite.upstream_id}</Field>}
      <Field label="Invite id">
        <Box component="code" sx={{ fontSize: '0.75rem' }}>
          {invite.id}
        </Box>
      </Field>
    </Box>
  );
}

/** Everything known about one invite (never its URL), and its audit timeline. */
export function InviteDetailsDrawer({
  inviteId,
  now,
  servedBase,
  smtpConfigured,
  onReissue,
  onClose,
}: {
  inviteId: string | null;
  now: number;
  /** Where links made now point: an active invite pointing elsewhere is flagged. */
  servedBase: string | undefined;
  /** Reissue emails the new link, so it needs SMTP. */
  smtpConfigured: boolean;
  onReissue(id: string): void;
  onClose(): void;
}) {
  const { invite, timeline } = useInviteDetails(inviteId);
  return (
    <Drawer
      anchor="right"
      open={inviteId !== null}
      onClose={onClose}
      slotProps={{ paper: { sx: { width: WIDTH, maxWidth: '100vw' }, role: 'dialog', 'aria-label': 'Invite details' } }}
    >
      <Stack direction="row" sx={{ alignItems: 'center', px: 3, pt: 2.5, pb: 1.5, gap: 1 }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="overline" color="textSecondary">
            {invite.data?.kind === 'relink' ? 'Relink link' : 'Pool invite'}
          </Typography>
          <Typography variant="h6" component="h2" sx={{ overflowWrap: 'anywhere' }}>
            {invite.data?.email ?? <Skeleton width={220} />}
          </Typography>
        </Box>
        {invite.data && (
          <InviteStatusChip
            situation={inviteSituation(
              {
                status: invite.data.status,
                expiresAt: invite.data.expires_at * 1000,
                poolStatus: invite.data.pool.status,
              },
              now,
            )}
          />
        )}
        <IconButton aria-label="Close details" onClick={onClose} edge="end">
          <CloseIcon />
        </IconButton>
      </Stack>
      <Divider />
      <Box sx={{ px: 3, py: 2, overflow: 'auto' }}>
        {invite.error && <Alert severity="error">{errorMessage(invite.error)}</Alert>}
        {invite.data &&
          pointsElsewhere({ status: invite.data.status, linkBase: invite.data.link_base }, servedBase) && (
            <Alert
              severity="warning"
              sx={{ mb: 2 }}
              action={
                <Button
                  color="inherit"
                  size="small"
                  disabled={!smtpConfigured}
                  title={smtpConfigured ? undefined : SMTP_UNAVAILABLE}
                  onClick={() => onReissue(invite.data.id)}
                >
                  Reissue
                </Button>
              }
            >
              {OLD_ADDRESS_SENTENCE}
            </Alert>
          )}
        {invite.data ? (
          <Facts invite={invite.data} now={now} />
        ) : (
          !invite.error && <Skeleton variant="rounded" height={220} />
        )}
        <Typography variant="subtitle2" component="h3" sx={{ mt: 3, mb: 1 }}>
          Timeline
        </Typography>
        {timeline.data && (
          <List dense disablePadding aria-label="Invite timeline">
            {timeline.data.entries.map((entry) => (
              <ListItem key={entry.id} disableGutters sx={{ alignItems: 'flex-start' }}>
                <ListItemText
                  primary={<Sentence parts={describeAuditEntry(entry)} />}
                  secondary={<TimeText ms={entry.occurredAt} now={now} style="relative" />}
                />
              </ListItem>
            ))}
          </List>
        )}
      </Box>
    </Drawer>
  );
}
