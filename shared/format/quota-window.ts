/** A quota reading older than this is shown as stale (Codex's own threshold, reference §9.4). */
export const QUOTA_STALE_MS = 15 * 60_000;

/** Named window lengths in minutes; a window within ±5 % of one takes its name (reference §9.4). */
const NAMED: [number, string][] = [
  [300, '5h'],
  [1440, 'Daily'],
  [10080, 'Weekly'],
  [43200, 'Monthly'],
  [525600, 'Annual'],
];

/** "5h", "Weekly", "Monthly"… by the window's length, never by its primary/secondary slot. */
export function quotaWindowLabel(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  for (const [length, label] of NAMED) {
    if (Math.abs(minutes - length) <= length * 0.05) return label;
  }
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 2 * 1440) return `${Math.round(minutes / 60)}h`;
  return `${Math.round(minutes / 1440)} days`;
}

export type QuotaFreshness = 'unknown' | 'fresh' | 'stale';

/** Unknown before the first reading; stale once the last one is older than 15 minutes. */
export function quotaFreshness(observedAt: number | null, now: number): QuotaFreshness {
  if (observedAt === null) return 'unknown';
  return now - observedAt > QUOTA_STALE_MS ? 'stale' : 'fresh';
}
