import type { MenuItemConstructorOptions, NotificationConstructorOptions } from 'electron';
import type { Core } from '../core';
import { reachLine } from '../../shared/format/reach-line';

interface TrayApi {
  new (icon: string): {
    setToolTip(text: string): void;
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
  core: Pick<Core, 'dispatch'>;
  Tray: TrayApi;
  Menu: MenuApi;
  Notification: NotificationApi;
  icon: string;
  openWindow(): void;
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

  async function show() {
    const status = await linkStatus(deps.core);
    tray ??= new deps.Tray(deps.icon);
    tray.setToolTip('Pooler Console: invite links are being served');
    tray.setContextMenu(
      deps.Menu.buildFromTemplate([
        { label: 'Open Pooler Console', click: () => deps.openWindow() },
        { label: status, enabled: false },
        { type: 'separator' },
        { label: 'Quit', click: () => deps.quit() },
      ]),
    );
    tray.on('click', () => deps.openWindow());
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
      tray?.destroy();
      tray = null;
    },
  };
}
