import type { NotificationConstructorOptions } from 'electron';
import type { Core } from '../core';

interface NotificationApi {
  isSupported(): boolean;
  new (options: NotificationConstructorOptions): { show(): void; on(event: 'click', listener: () => void): void };
}

/** In-app routes an alert may open: a page, optionally with plain query parameters. */
const APP_LINK = /^\/[a-z]+(\?[\w=&.%-]*)?$/;

/**
 * A desktop notification for every alert the core raises, whatever window is in front. Clicking
 * it opens the console on the affected row (`open` shows the window at that in-app link).
 */
export function notifyAlerts(
  core: Pick<Core, 'subscribe'>,
  Notification: NotificationApi,
  open: (link: string) => void,
): () => void {
  return core.subscribe((event) => {
    if (event.name !== 'alerts.raised' || !Notification.isSupported()) return;
    const { title, body, link } = event.payload;
    const notification = new Notification({ title, body });
    notification.on('click', () => open(APP_LINK.test(link) ? link : '/'));
    notification.show();
  });
}
