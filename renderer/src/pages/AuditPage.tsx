import HistoryIcon from '@mui/icons-material/History';
import {
  Alert,
  Box,
  Button,
  Chip,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useSearchParams } from 'react-router';
import { AUDIT_ACTIONS, type AuditAction } from '../../../shared/contract';
import { AUDIT_ACTION_LABELS, describeAuditEntry } from '../../../shared/format/audit-sentence';
import { errorMessage } from '../api/api-error';
import { useAuditLog, usePools } from '../api/queries';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { Sentence } from '../components/Sentence';
import { TableSkeleton } from '../components/TableSkeleton';
import { TimeText } from '../components/TimeText';
import { useNow } from '../components/use-now';

function isAuditAction(value: string | null): value is AuditAction {
  return value !== null && (AUDIT_ACTIONS as readonly string[]).includes(value);
}

export function AuditPage() {
  // Filters live in the address so a filtered view survives a reload and can be bookmarked.
  const [params, setParams] = useSearchParams();
  const action = isAuditAction(params.get('action')) ? (params.get('action') as AuditAction) : undefined;
  const poolId = params.get('pool') ?? undefined;
  const pools = usePools();
  const log = useAuditLog({ action, poolId });
  const entries = log.data?.pages.flatMap((page) => page.entries) ?? [];
  const filtered = action !== undefined || poolId !== undefined;
  const now = useNow(30_000);

  const setFilter = (key: 'action' | 'pool', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader title="Audit log" subtitle="Every change made in this console, newest first." />
      <Stack direction="row" spacing={1.5} sx={{ mb: 2 }}>
        <TextField
          select
          size="small"
          label="Action"
          value={action ?? ''}
          onChange={(e) => setFilter('action', e.target.value)}
          sx={{ minWidth: 220 }}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
        >
          <MenuItem value="">All actions</MenuItem>
          {AUDIT_ACTIONS.map((a) => (
            <MenuItem key={a} value={a}>
              {AUDIT_ACTION_LABELS[a]}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label="Pool"
          value={poolId ?? ''}
          onChange={(e) => setFilter('pool', e.target.value)}
          sx={{ minWidth: 220, maxWidth: 320 }}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
        >
          <MenuItem value="">All Pools</MenuItem>
          {(pools.data ?? []).map((p) => (
            <MenuItem key={p.id} value={p.id}>
              <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
                {p.name}
                {p.status === 'archived' ? ' (archived)' : ''}
              </Box>
            </MenuItem>
          ))}
        </TextField>
        {filtered && <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>Clear filters</Button>}
      </Stack>

      {log.error && <Alert severity="error">{errorMessage(log.error)}</Alert>}

      <Paper variant="outlined">
        {log.isPending ? (
          <TableSkeleton rows={4} rowHeight={36} />
        ) : entries.length === 0 ? (
          <EmptyState
            icon={<HistoryIcon />}
            title={filtered ? 'No events match these filters' : 'Nothing has happened yet'}
            {...(filtered
              ? {}
              : { body: 'Creating Pools, sending invites and onboarding accounts all leave a record here.' })}
          />
        ) : (
          <TableContainer>
            <Table size="small" aria-label="Audit log">
              <TableHead>
                <TableRow>
                  <TableCell sx={{ width: 170 }}>When</TableCell>
                  <TableCell>Event</TableCell>
                  <TableCell sx={{ width: 200 }}>Action</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {entries.map((entry) => (
                  <TableRow key={entry.id} data-audit-id={entry.id}>
                    <TableCell sx={{ whiteSpace: 'nowrap', color: 'text.secondary' }}>
                      <TimeText ms={entry.occurredAt} now={now} style="relative" />
                    </TableCell>
                    <TableCell>
                      <Sentence parts={describeAuditEntry(entry)} />
                    </TableCell>
                    <TableCell>
                      <Chip size="small" variant="outlined" label={AUDIT_ACTION_LABELS[entry.action]} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </Paper>
      {log.hasNextPage && (
        <Stack sx={{ alignItems: 'center', mt: 2 }}>
          <Button onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
            {log.isFetchingNextPage ? 'Loading…' : 'Load older events'}
          </Button>
        </Stack>
      )}
      {entries.length > 0 && !log.hasNextPage && (
        <Typography variant="caption" color="textSecondary" sx={{ display: 'block', textAlign: 'center', mt: 2 }}>
          {entries.length === 1 ? 'That is the only event.' : `All ${entries.length} events shown.`}
        </Typography>
      )}
    </>
  );
}
