import { Tooltip } from '@mui/material';
import { formatDateTime, formatDateTimeFull, formatRelative } from '../../../shared/format/time';

/**
 * A moment as short text — local date-time, or relative to `now` — with the full, unambiguous
 * form (weekday, seconds, time zone) on hover.
 */
export function TimeText({ ms, now }: { ms: number; now?: number }) {
  return (
    <Tooltip title={formatDateTimeFull(ms)}>
      <span>{now === undefined ? formatDateTime(ms) : formatRelative(ms, now)}</span>
    </Tooltip>
  );
}
