function plural(n: number, unit: string): string {
  return `in ${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * The Expires column: "in <1 minute", "in 5 minutes", "in 1 hour", "in 24 hours", "in 3 days",
 * or "Expired" (an expiry equal to now has passed). Whole seconds, rounded up per unit.
 * `createdAt`, when given, bounds `now` from below: a clock that ticks every few seconds must
 * not make a brand-new invite read as if it had more time than it was given.
 */
export function expiryLabel(expiresAt: number, now: number, createdAt = now): string {
  const remainingMs = expiresAt - Math.max(now, createdAt);
  if (remainingMs <= 0) return 'Expired';
  const seconds = Math.floor(remainingMs / 1000);
  if (seconds < 60) return 'in <1 minute';
  if (seconds < 3600) {
    const minutes = Math.ceil(seconds / 60);
    return minutes === 60 ? plural(1, 'hour') : plural(minutes, 'minute');
  }
  // Up to a full day reads in hours, so a fresh 24-hour invite says "in 24 hours".
  if (seconds <= 86_400) return plural(Math.ceil(seconds / 3600), 'hour');
  return plural(Math.ceil(seconds / 86_400), 'day');
}
