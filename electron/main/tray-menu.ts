import type { GlanceSummary } from '../core/alerts/glance';
import { formatRelativeShort } from '../../shared/format/time';

/** One line of the tray menu; `link` opens the console there, `action` does what it names. */
export type TrayItem =
  | { kind: 'open' }
  | { kind: 'quit' }
  | { kind: 'separator' }
  | { kind: 'status'; label: string }
  | { kind: 'link'; label: string; link: string };

export interface TrayModel {
  tooltip: string;
  /** The badge beside the icon (macOS shows it as the tray title): empty when nothing needs the operator. */
  badge: string;
  items: TrayItem[];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "Research: 3/4 ready · 5h resets in 2 hr." */
function poolLine(pool: GlanceSummary['pools'][number], now: number): string {
  const reset =
    pool.soonestReset !== null && pool.soonestReset > now
      ? ` · 5h resets ${formatRelativeShort(pool.soonestReset, now)}`
      : '';
  return `${pool.name}: ${pool.ready}/${pool.total} ready${reset}`;
}

/**
 * The tray's glance as a pure function of the core's state: per active Pool, ready accounts of
 * its total and the soonest 5-hour reset; a badge and a line when accounts need relinking; where
 * invite links are served; Open and Quit.
 */
export function trayMenuModel(glance: GlanceSummary, linkStatus: string, now: number): TrayModel {
  const relink =
    glance.needsRelink > 0 ? plural(glance.needsRelink, 'account needs relinking', 'accounts need relinking') : null;
  const pools: TrayItem[] = glance.pools.map((pool) => ({
    kind: 'link',
    label: poolLine(pool, now),
    link: `/upstreams?pool=${pool.id}`,
  }));
  return {
    tooltip: ['Pooler Console: invite links are being served', relink].filter(Boolean).join('\n'),
    badge: glance.needsRelink > 0 ? String(glance.needsRelink) : '',
    items: [
      { kind: 'open' },
      { kind: 'status', label: linkStatus },
      { kind: 'separator' },
      ...(relink ? [{ kind: 'link', label: `⚠ ${relink}`, link: '/upstreams?state=reauth_required' } as const] : []),
      ...(pools.length > 0 ? pools : [{ kind: 'status', label: 'No active Pools' } as const]),
      { kind: 'separator' },
      { kind: 'quit' },
    ],
  };
}
