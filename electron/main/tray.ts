import type { MenuItemConstructorOptions, NotificationConstructorOptions } from 'electron';
import type { Core } from '../core';
import { reachLine } from '../../shared/format/reach-line';
import { trayMenuModel, type TrayItem } from './tray-menu';

interface TrayApi {
  new (icon: string): {
    setToolTip(text: string): void;
    /** macOS: text beside the icon, the badge. */
    setTitle(text: string): void;
    setContextMenu(menu: unknown): void;
    on(event: 'click', listener: () => void): void;
    destroy(): void;
  };
}
interface MenuApi {
  buildFromTemplate(template: MenuItemConstructorOptions[]): unknown;
}
interface NotificationApi {
  isSupported(): boolean;
  new (options: NotificationConstructorOptions): { show(): void };
}

export interface TrayDeps {
  core: Pick<Core, 'dispatch' | 'glance'>;
  Tray: TrayApi;
  Menu: MenuApi;
  Notification: NotificationApi;
  icon: string;
  /** Opens (or brings forward) the window, at an in-app link when one is given. */
  openWindow(link?: string): void;
  /** The tray menu's Quit. */
  quit(): void;
}

/** Whether any invite link is live: then closing the window must not take the links down. */
async function hasActiveInvites(core: Pick<Core, 'dispatch'>): Promise<boolean> {
  const result = await core.dispatch('invites.list', { status: 'active', limit: 1 }, {});
  return result.ok && (result.data as { invites: unknown[] }).invites.length > 0;
}

async function linkStatus(core: Pick<Core, 'dispatch'>): Promise<string> {
  const result = await core.dispatch('onboarding.get', {}, {});
  return result.ok ? reachLine(result.data as Parameters<typeof reachLine>[0]).text : 'Invite links: unknown';
}

/**
 * Invite links work only while the console runs. Closing the window while any are active keeps
 * it running in the system tray (Open, the links' status, Quit), and says so the first time;
 * with none active, closing quits as before.
 */
export function createTrayKeeper(deps: TrayDeps) {
  let tray: InstanceType<TrayApi> | null = null;
  let told = false;

  function menuItem(item: TrayItem): MenuItemConstructorOptions {
    switch (item.kind) {
      case 'open':
        return { label: 'Open Pooler Console', click: () => deps.openWindow() };
      case 'quit':
        return { label: 'Quit', click: () => deps.quit() };
      case 'separator':
        return { type: 'separator' };
      case 'status':
        return { label: item.label, enabled: false };
      case 'link':
        return { label: item.label, click: () => deps.openWindow(item.link) };
    }
  }

  /** Draws the tray from the core's glance and the links' status; again whenever the glance moves. */
  async function draw() {
    const status = await linkStatus(deps.core);
    if (!tray) return;
    const model = trayMenuModel(deps.core.glance.current(), status, Date.now());
    tray.setToolTip(model.tooltip);
    tray.setTitle(model.badge);
    tray.setContextMenu(deps.Menu.buildFromTemplate(model.items.map(menuItem)));
  }

  let stopFollowing: (() => void) | null = null;

  async function show() {
    tray ??= new deps.Tray(deps.icon);
    tray.on('click', () => deps.openWindow());
    await draw();
    stopFollowing ??= deps.core.glance.subscribe(() => void draw());
    if (!told && deps.Notification.isSupported()) {
      told = true;
      new deps.Notification({
        title: 'Pooler Console is still running',
        body: 'Active invite links keep working while it runs. Quit it from the tray icon.',
      }).show();
    }
  }

  return {
    /** The last window closed: keep running in the tray ('tray'), or quit as before ('quit'). */
    async windowClosed(): Promise<'tray' | 'quit'> {
      if (!(await hasActiveInvites(deps.core))) return 'quit';
      await show();
      return 'tray';
    },
    /** A window is open again: the tray icon goes away. */
    windowOpened() {
      stopFollowing?.();
      stopFollowing = null;
      tray?.destroy();
      tray = null;
    },
  };
}
