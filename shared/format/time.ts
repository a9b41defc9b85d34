/** A formatter made on first use: each costs milliseconds to build, and a page needs few of them. */
function lazy<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

const dateTime = lazy(() => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
const dateTimeFull = lazy(() => new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' }));
const relative = lazy(() => new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }));
const relativeShort = lazy(() => new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' }));
const thisYear = lazy(
  () => new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }),
);
const otherYear = lazy(() => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }));

/**
 * Makes the formatters the tables use now. The first one made loads the locale's data (20-30 ms
 * in Chromium, each after that well under one): the console's entry calls this while it waits on
 * the network, so the first render does not pay for it.
 */
export function prepareDateFormats(): void {
  dateTime();
  dateTimeFull();
}

/** "22 Nov 2026, 14:05" in the operator's locale and time zone. */
export function formatDateTime(ms: number): string {
  return dateTime().format(ms);
}

/** For narrow columns: "Nov 22, 2:05 PM" this year, "Nov 22, 2025" before. */
export function formatCompactDateTime(ms: number, now: number): string {
  return new Date(ms).getFullYear() === new Date(now).getFullYear() ? thisYear().format(ms) : otherYear().format(ms);
}

/** The unambiguous form for tooltips, with weekday, seconds and time zone. */
export function formatDateTimeFull(ms: number): string {
  return dateTimeFull().format(ms);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "just now", "5 minutes ago", "yesterday", "in 3 days". */
export function formatRelative(ms: number, now: number, format = relative()): string {
  const seconds = Math.round((ms - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return 'just now';
}

/** For narrow columns: "5 min. ago", "in 3 hr.". */
export function formatRelativeShort(ms: number, now: number): string {
  return formatRelative(ms, now, relativeShort());
}
