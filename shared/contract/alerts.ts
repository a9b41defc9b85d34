import { z } from 'zod';

/** What the console raises an alert about (desktop notification, audit `alert.raised`). */
export const ALERT_KINDS = [
  'invite_accepted',
  'relink_needed',
  'relink_completed',
  'pool_no_ready',
  'pool_capacity_low',
  'pool_capacity_recovered',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const alertKind = z.enum(ALERT_KINDS, { error: 'Unknown alert kind.' });
