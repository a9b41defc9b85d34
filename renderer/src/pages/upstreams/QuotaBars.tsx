import { Box, LinearProgress, Stack, Typography } from '@mui/material';
import type { UpstreamQuota } from '../../../../shared/contract';
import { quotaFreshness, quotaWindowLabel } from '../../../../shared/format/quota-window';
import { formatDateTimeFull, formatRelative } from '../../../../shared/format/time';

const barColor = (used: number) => (used >= 100 ? 'error' : used >= 90 ? 'warning' : 'primary');

/**
 * One bar per window the usage endpoint reported, labelled by its length ("5h", "Weekly"), with
 * used percent and reset time; "unknown" before the first reading, "stale" after 15 minutes.
 */
export function QuotaBars({ quota, now }: { quota: UpstreamQuota; now: number }) {
  const freshness = quotaFreshness(quota.observedAt, now);
  if (freshness === 'unknown') {
    return (
      <Typography variant="body2" color="textSecondary">
        {quota.error ? `Unknown: ${quota.error}` : 'Unknown'}
      </Typography>
    );
  }
  return (
    <Stack spacing={0.5} sx={{ minWidth: 0 }}>
      {quota.windows.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No limits reported
        </Typography>
      )}
      {quota.windows.map((w) => (
        <Box key={w.seconds} title={w.resetAt ? `Resets ${formatDateTimeFull(w.resetAt)}` : undefined}>
          <Stack direction="row" spacing={1} sx={{ justifyContent: 'space-between' }}>
            <Typography variant="caption" noWrap sx={{ fontWeight: 600 }}>
              {quotaWindowLabel(w.seconds)} · {Math.round(w.usedPercent)}% used
            </Typography>
            {w.resetAt && (
              <Typography variant="caption" color="textSecondary" noWrap>
                resets {formatRelative(w.resetAt, now)}
              </Typography>
            )}
          </Stack>
          <LinearProgress
            variant="determinate"
            value={Math.min(100, w.usedPercent)}
            color={barColor(w.usedPercent)}
            aria-label={`${quotaWindowLabel(w.seconds)} window ${Math.round(w.usedPercent)}% used`}
            sx={{ height: 6, borderRadius: 3, opacity: freshness === 'stale' ? 0.5 : 1 }}
          />
        </Box>
      ))}
      <Stack direction="row" spacing={1}>
        {quota.limitReached && (
          <Typography variant="caption" color="error" sx={{ fontWeight: 600 }}>
            Limit reached
          </Typography>
        )}
        {freshness === 'stale' && (
          <Typography variant="caption" color="warning" title={`Last read ${formatDateTimeFull(quota.observedAt!)}`}>
            Stale · read {formatRelative(quota.observedAt!, now)}
          </Typography>
        )}
        {quota.error && freshness !== 'stale' && (
          <Typography variant="caption" color="textSecondary">
            Last check failed: {quota.error}
          </Typography>
        )}
      </Stack>
    </Stack>
  );
}
