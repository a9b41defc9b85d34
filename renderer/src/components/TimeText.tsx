import {
  formatCompactDateTime,
  formatDateTime,
  formatDateTimeFull,
  formatRelative,
  formatRelativeShort,
} from '../../../shared/format/time';
import { LazyTooltip } from './LazyTooltip';

/**
 * A moment as short text — local date-time, compact date-time, or relative to `now` (long or short) — with the
 * full, unambiguous form (weekday, seconds, time zone) on hover.
 */
export function TimeText({
  ms,
  now,
  style = 'absolute',
}: {
  ms: number;
  now?: number;
  style?: 'absolute' | 'compact' | 'relative' | 'relative-short';
}) {
  const text =
    style === 'relative' && now !== undefined
      ? formatRelative(ms, now)
      : style === 'relative-short' && now !== undefined
        ? formatRelativeShort(ms, now)
        : style === 'compact' && now !== undefined
          ? formatCompactDateTime(ms, now)
          : formatDateTime(ms);
  return (
    <LazyTooltip title={() => formatDateTimeFull(ms)}>
      <span>{text}</span>
    </LazyTooltip>
  );
}
