import { Tooltip } from '@mui/material';
import { formatCompactDateTime, formatDateTime, formatDateTimeFull, formatRelative } from '../../../shared/format/time';

/**
 * A moment as short text — local date-time, compact date-time, or relative to `now` — with the
 * full, unambiguous form (weekday, seconds, time zone) on hover.
 */
export function TimeText({
  ms,
  now,
  style = 'absolute',
}: {
  ms: number;
  now?: number;
  style?: 'absolute' | 'compact' | 'relative';
}) {
  const text =
    style === 'relative' && now !== undefined
      ? formatRelative(ms, now)
      : style === 'compact' && now !== undefined
        ? formatCompactDateTime(ms, now)
        : formatDateTime(ms);
  return (
    <Tooltip title={formatDateTimeFull(ms)}>
      <span>{text}</span>
    </Tooltip>
  );
}
