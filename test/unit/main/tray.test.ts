import type { MenuItemConstructorOptions, NotificationConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { Dispatch } from '../../../electron/core/rpc/dispatch';
import { createTrayKeeper } from '../../../electron/main/tray';

/** Stand-ins for electron's Tray, Menu and Notification, recording what the keeper asks of them. */
function electronStub(active: number) {
  const trays: { icon: string; tip: string; menu: MenuItemConstructorOptions[]; destroyed: boolean }[] = [];
  const notes: NotificationConstructorOptions[] = [];
  const calls = { opened: 0, quit: 0 };
  class Tray {
    record = { icon: '', tip: '', menu: [] as MenuItemConstructorOptions[], destroyed: false };
    constructor(icon: string) {
      this.record.icon = icon;
      trays.push(this.record);
    }
    setToolTip(tip: string) {
      this.record.tip = tip;
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
  const keeper = createTrayKeeper({
    core: { dispatch },
    Tray,
    Menu,
    Notification,
    icon: '/app/resources/icon.png',
    openWindow: () => calls.opened++,
    quit: () => calls.quit++,
  });
  return { keeper, trays, notes, calls };
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
      'Quit',
    ]);
    expect(menu[1]!.enabled).toBe(false);
    menu[0]!.click!({} as never, undefined, {} as never);
    menu[3]!.click!({} as never, undefined, {} as never);
    expect(calls).toEqual({ opened: 1, quit: 1 });
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
