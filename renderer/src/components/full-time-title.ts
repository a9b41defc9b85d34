import type { PointerEvent } from 'react';
import { formatDateTimeFull } from '../../../shared/format/time';

/**
 * For a table body's `onPointerOver`: titles the cell under the pointer that carries
 * `data-full-time` (a moment, in ms) with its full, unambiguous form (weekday, seconds, time
 * zone), in time for the browser's tooltip. Formatted up front for every row, the time zone's
 * name cost about 0.1 ms a cell: 4 ms of drawing twenty Pools. Set on every visit, so a title
 * never outlives a changed time.
 */
export function titleWithFullTime(event: PointerEvent): void {
  const cell = (event.target as Element).closest<HTMLElement>('[data-full-time]');
  if (cell) cell.title = formatDateTimeFull(Number(cell.dataset.fullTime));
}
