import type { MenuItemConstructorOptions, NotificationConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { Dispatch } from '../../../electron/core/rpc/dispatch';
import type { GlanceSummary } from '../../../electron/core/alerts/glance';
import { createTrayKeeper } from '../../../electron/main/tray';
import { trayMenuModel } from '../../../electron/main/tray-menu';

const NOW = Date.UTC(2026, 11, 2, 12, 0);
const HOUR = 3600_000;

const GLANCE: GlanceSummary = {
  pools: [
    { id: 'pool-g', name: 'Growth', ready: 0, total: 2, soonestReset: null },
    { id: 'pool-r', name: 'Research', ready: 3, total: 4, soonestReset: NOW + 2 * HOUR },
  ],
  needsRelink: 2,
};

/** Stand-ins for electron's Tray, Menu and Notification, recording what the keeper asks of them. */
function electronStub(active: number, initial: GlanceSummary = { pools: [], needsRelink: 0 }) {
  const trays: {
    icon: string;
    tip: string;
    title: string;
    menu: MenuItemConstructorOptions[];
    destroyed: boolean;
  }[] = [];
  const notes: NotificationConstructorOptions[] = [];
  const calls = { opened: 0, quit: 0, links: [] as string[] };
  class Tray {
    record = { icon: '', tip: '', title: '', menu: [] as MenuItemConstructorOptions[], destroyed: false };
    constructor(icon: string) {
      this.record.icon = icon;
      trays.push(this.record);
    }
    setToolTip(tip: string) {
      this.record.tip = tip;
    }
    setTitle(title: string) {
      this.record.title = title;
    }
    setContextMenu(menu: MenuItemConstructorOptions[]) {
      this.record.menu = menu;
    }
    on() {}
    destroy() {
      this.record.destroyed = true;
    }
  }
  const Menu = { buildFromTemplate: (template: MenuItemConstructorOptions[]) => template };
  class Notification {
    static isSupported = () => true;
    constructor(private options: NotificationConstructorOptions) {}
    show() {
      notes.push(this.options);
    }
  }
  const dispatch: Dispatch = (channel) => {
    if (channel === 'invites.list') {
      return Promise.resolve({ ok: true, data: { invites: Array.from({ length: active }, () => ({})) } });
    }
    return Promise.resolve({
      ok: true,
      data: {
        status: { state: 'listening', publicUrl: 'https://words.trycloudflare.com' },
        scope: 'internet',
        notice: null,
        reach: { mode: 'tunnel' },
        tunnel: { state: 'up' },
        reachability: { state: 'reachable', roundTripMs: 42 },
      },
    });
  };
  let glance = initial;
  const followers = new Set<(g: GlanceSummary) => void>();
  const core = {
    dispatch,
    glance: {
      current: () => glance,
      subscribe(listener: (g: GlanceSummary) => void) {
        followers.add(listener);
        return () => void followers.delete(listener);
      },
    },
  };
  /** The core's glance moves on, as after a refresh or a quota reading. */
  const moveGlance = (next: GlanceSummary) => {
    glance = next;
    for (const f of followers) f(next);
  };
  const keeper = createTrayKeeper({
    core,
    Tray,
    Menu,
    Notification,
    icon: '/app/resources/icon.png',
    openWindow: (link?: string) => (link ? calls.links.push(link) : calls.opened++),
    quit: () => calls.quit++,
  });
  return { keeper, trays, notes, calls, moveGlance, followers };
}

describe('the tray', () => {
  it('keeps the console running when the window closes with active invites, and says so once', async () => {
    const { keeper, trays, notes, calls } = electronStub(3);
    expect(await keeper.windowClosed()).toBe('tray');
    expect(trays).toHaveLength(1);
    const menu = trays[0]!.menu;
    expect(menu.map((item) => item.label ?? item.type)).toEqual([
      'Open Pooler Console',
      expect.stringContaining('reached this console at words.trycloudflare.com in 42 ms'),
      'separator',
      'No active Pools',
      'separator',
      'Quit',
    ]);
    expect(menu[1]!.enabled).toBe(false);
    menu[0]!.click!({} as never, undefined, {} as never);
    menu[5]!.click!({} as never, undefined, {} as never);
    expect(calls).toEqual({ opened: 1, quit: 1, links: [] });
    expect(notes).toEqual([{ title: 'Pooler Console is still running', body: expect.stringContaining('tray') }]);

    keeper.windowOpened();
    expect(trays[0]!.destroyed).toBe(true);
    expect(await keeper.windowClosed()).toBe('tray');
    expect(trays).toHaveLength(2);
    expect(notes).toHaveLength(1);
  });

  it('quits as before when no invite is active', async () => {
    const { keeper, trays, notes } = electronStub(0);
    expect(await keeper.windowClosed()).toBe('quit');
    expect(trays).toEqual([]);
    expect(notes).toEqual([]);
  });
});

describe('the tray glance', () => {
  it('is a pure model: per active Pool ready/total and the soonest 5-hour reset, a badge for relinks', () => {
    const model = trayMenuModel(GLANCE, 'Invite links: this computer only', NOW);
    expect(model.badge).toBe('2');
    expect(model.tooltip).toBe('Pooler Console: invite links are being served\n2 accounts need relinking');
    expect(model.items).toEqual([
      { kind: 'open' },
      { kind: 'status', label: 'Invite links: this computer only' },
      { kind: 'separator' },
      { kind: 'link', label: '⚠ 2 accounts need relinking', link: '/upstreams?state=reauth_required' },
      { kind: 'link', label: 'Growth: 0/2 ready', link: '/upstreams?pool=pool-g' },
      {
        kind: 'link',
        label: expect.stringMatching(/^Research: 3\/4 ready · 5h resets in 2 h/),
        link: '/upstreams?pool=pool-r',
      },
      { kind: 'separator' },
      { kind: 'quit' },
    ]);
    const calm = trayMenuModel({ pools: GLANCE.pools, needsRelink: 0 }, 'x', NOW);
    expect(calm.badge).toBe('');
    expect(calm.items.some((i) => i.kind === 'link' && i.label.includes('relinking'))).toBe(false);
    // A reset already past says nothing rather than "5 minutes ago".
    expect(trayMenuModel(GLANCE, 'x', NOW + 3 * HOUR).items).toContainEqual(
      expect.objectContaining({ label: 'Research: 3/4 ready' }),
    );
  });

  it('is wired to the tray: drawn when shown, redrawn as the glance moves, its lines open the console there', async () => {
    const { keeper, trays, calls, moveGlance, followers } = electronStub(1, GLANCE);
    await keeper.windowClosed();
    const tray = trays[0]!;
    expect(tray.title).toBe('2');
    expect(tray.menu.map((i) => i.label ?? i.type)).toContain('⚠ 2 accounts need relinking');
    tray.menu.find((i) => i.label?.startsWith('Growth'))!.click!({} as never, undefined, {} as never);
    expect(calls.links).toEqual(['/upstreams?pool=pool-g']);

    moveGlance({ pools: [{ ...GLANCE.pools[1]!, ready: 4 }], needsRelink: 0 });
    await expect.poll(() => tray.title).toBe('');
    expect(tray.menu.map((i) => i.label ?? i.type)).toContainEqual(expect.stringMatching(/^Research: 4\/4 ready/));
    // Back in the window: the tray goes and stops following.
    keeper.windowOpened();
    expect(followers.size).toBe(0);
  });
});
