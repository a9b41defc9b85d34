import { ALERT_KINDS, type AlertKind, type RaisedAlert } from '../../../shared/contract';
import type { AlertEvent } from './alert-rules';

const percent = (e: AlertEvent) => `${Math.round(e.percent ?? 0)} %`;

/** One alert, in words, with where a click lands. */
function single(e: AlertEvent): Omit<RaisedAlert, 'kind' | 'count' | 'poolIds'> {
  switch (e.kind) {
    case 'invite_accepted':
      return {
        title: 'Codex account connected',
        body: withReceipt(`${e.name} connected their Codex account to ${e.poolName ?? 'its Pool'}.`, e),
        link: `/upstreams?account=${e.subjectId}`,
      };
    case 'relink_needed':
      return {
        title: 'An account needs relinking',
        body: `${e.name} must sign in again: its refresh token no longer works.`,
        link: `/upstreams?account=${e.subjectId}`,
      };
    case 'relink_completed':
      return {
        title: 'Account relinked',
        body: withReceipt(e.poolName ? `${e.name} works in ${e.poolName} again.` : `${e.name} works again.`, e),
        link: `/upstreams?account=${e.subjectId}`,
      };
    case 'pool_no_ready':
      return {
        title: `${e.name} has no ready account`,
        body: `No account in the Pool ${e.name} can be used now.`,
        link: `/upstreams?pool=${e.subjectId}`,
      };
    case 'pool_capacity_low':
      return {
        title: `${e.name} is running low`,
        body: `The best 5-hour window left in the Pool ${e.name} is ${percent(e)}.`,
        link: `/upstreams?pool=${e.subjectId}`,
      };
    case 'pool_capacity_recovered':
      return {
        title: `${e.name} has capacity again`,
        body: `The best 5-hour window left in the Pool ${e.name} is back to ${percent(e)}.`,
        link: `/upstreams?pool=${e.subjectId}`,
      };
  }
}

/** The operator sees the same receipt as the invitee, after the alert's own sentence. */
const withReceipt = (body: string, e: AlertEvent) => (e.receipt ? `${body} ${e.receipt}` : body);

/** A burst of one kind in one notification: the count, a few names, and the list to look at. */
function many(kind: AlertKind, events: AlertEvent[]): Omit<RaisedAlert, 'kind' | 'count' | 'poolIds'> {
  const n = events.length;
  const names =
    events
      .slice(0, 3)
      .map((e) => e.name)
      .join(', ') + (n > 3 ? ` and ${n - 3} more` : '');
  switch (kind) {
    case 'invite_accepted':
      return { title: `${n} Codex accounts connected`, body: `${names} accepted their invites.`, link: '/upstreams' };
    case 'relink_needed':
      return {
        title: `${n} accounts need relinking`,
        body: `${names} must sign in again.`,
        link: '/upstreams?state=reauth_required',
      };
    case 'relink_completed':
      return { title: `${n} accounts relinked`, body: `${names} work again.`, link: '/upstreams' };
    case 'pool_no_ready':
      return { title: `${n} Pools have no ready account`, body: `${names}.`, link: '/upstreams' };
    case 'pool_capacity_low':
      return { title: `${n} Pools are running low`, body: `${names}.`, link: '/upstreams' };
    case 'pool_capacity_recovered':
      return { title: `${n} Pools have capacity again`, body: `${names}.`, link: '/upstreams' };
  }
}

const POOL_KINDS: readonly AlertKind[] = ['pool_no_ready', 'pool_capacity_low', 'pool_capacity_recovered'];

/**
 * Bursts coalesced: one alert per kind, naming the count when there are several (40 accounts
 * breaking at once are one notification, not 40), in a stable order. Disabled kinds are dropped.
 * `poolsOfAccount` names an account's Pools, so each alert carries the Pools it is about.
 */
export function coalesce(
  events: AlertEvent[],
  enabled: Record<AlertKind, boolean>,
  poolsOfAccount: (upstreamId: string) => string[] = () => [],
): RaisedAlert[] {
  const alerts: RaisedAlert[] = [];
  for (const kind of ALERT_KINDS) {
    if (!enabled[kind]) continue;
    // One subject counts once, however often it changed during the burst.
    const ofKind = [...new Map(events.filter((e) => e.kind === kind).map((e) => [e.subjectId, e])).values()];
    if (ofKind.length === 0) continue;
    const words = ofKind.length === 1 ? single(ofKind[0]!) : many(kind, ofKind);
    const pools = ofKind.flatMap((e) => (POOL_KINDS.includes(kind) ? [e.subjectId] : poolsOfAccount(e.subjectId)));
    alerts.push({ kind, count: ofKind.length, ...words, poolIds: [...new Set(pools)] });
  }
  return alerts;
}
