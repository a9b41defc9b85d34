import { Chip, CircularProgress, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { visuallyHidden } from '@mui/utils';
import type { UpstreamRow } from '../../../../shared/contract';
import { TimeText } from '../../components/TimeText';
import { CredentialChip } from './CredentialChip';
import { QuotaBars } from './QuotaBars';
import { UpstreamRowActions, type UpstreamAction } from './UpstreamRowActions';

const ellipsis = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

function UpstreamTableRow({ upstream, now, onAction }: { upstream: UpstreamRow; now: number; onAction(upstream: UpstreamRow, action: UpstreamAction): void }) {
  return (
    <TableRow hover data-upstream-id={upstream.id} sx={{ verticalAlign: 'top' }}>
      <TableCell sx={{ maxWidth: 260 }}>
        <Typography variant="body2" sx={{ ...ellipsis, fontWeight: 500 }} title={upstream.email}>
          {upstream.email}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {upstream.planType ? `${upstream.planType[0]!.toUpperCase()}${upstream.planType.slice(1)}` : 'Plan unknown'}
        </Typography>
      </TableCell>
      <TableCell>
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }}>
          {upstream.pools.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              No Pool
            </Typography>
          ) : (
            upstream.pools.map((p) => <Chip key={p.id} size="small" variant="outlined" label={p.name} sx={{ maxWidth: 160 }} />)
          )}
        </Stack>
      </TableCell>
      <TableCell>
        <CredentialChip state={upstream.credentialState} reason={upstream.credentialReason} />
      </TableCell>
      <TableCell>
        <Typography variant="body2" component="div">
          {upstream.accessTokenExpiresAt === null ? '—' : <TimeText ms={upstream.accessTokenExpiresAt} now={now} style="relative" />}
        </Typography>
      </TableCell>
      <TableCell>
        <Typography variant="body2" component="div" color="text.secondary">
          {upstream.lastRefreshAt === null ? 'Never' : <TimeText ms={upstream.lastRefreshAt} now={now} style="relative" />}
        </Typography>
      </TableCell>
      <TableCell sx={{ width: 300 }}>
        <QuotaBars quota={upstream.quota} now={now} />
      </TableCell>
      <TableCell padding="checkbox" sx={{ pr: 1 }}>
        <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'flex-end', gap: 0.5 }}>
          {/* A refresh, quota read or relink is running for this account. */}
          {upstream.busy && <CircularProgress size={14} aria-label={`Working on ${upstream.email}`} />}
          <UpstreamRowActions upstream={upstream} onAction={(action) => onAction(upstream, action)} />
        </Stack>
      </TableCell>
    </TableRow>
  );
}

/** One row per upstream account: who, where, whether its credentials work, and how much quota is left. */
export function UpstreamsTable({ rows, now, onAction }: { rows: UpstreamRow[]; now: number; onAction(upstream: UpstreamRow, action: UpstreamAction): void }) {
  return (
    <TableContainer sx={{ flex: 1, minHeight: 0 }}>
      <Table stickyHeader size="small" aria-label="Upstream accounts">
        <TableHead>
          <TableRow>
            <TableCell>Account</TableCell>
            <TableCell>Pools</TableCell>
            <TableCell>Credentials</TableCell>
            <TableCell>Access token expires</TableCell>
            <TableCell>Last refresh</TableCell>
            <TableCell>Quota</TableCell>
            <TableCell padding="checkbox">
              <span style={visuallyHidden}>Actions</span>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((upstream) => (
            <UpstreamTableRow key={upstream.id} upstream={upstream} now={now} onAction={onAction} />
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
