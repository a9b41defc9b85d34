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

/** An alert as every console shows it: a desktop notification, an in-app notice. */
export const raisedAlertSchema = z.object({
  kind: alertKind,
  /** How many events it stands for (a burst is one alert). */
  count: z.number().int().positive(),
  title: z.string(),
  body: z.string(),
  /** Where a click lands inside the app, as a hash route: `/upstreams?account=…`. */
  link: z.string(),
  /** The Pools it is about: a team server tells it to the operators of those Pools. */
  poolIds: z.array(z.string()),
});
export type RaisedAlert = z.infer<typeof raisedAlertSchema>;
