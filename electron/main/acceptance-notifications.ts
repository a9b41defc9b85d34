import type { NotificationConstructorOptions } from 'electron';
import type { Core } from '../core';

interface NotificationApi {
  isSupported(): boolean;
  new (options: NotificationConstructorOptions): { show(): void };
}

/** A desktop notification whenever an invitee connects their account, whatever window is in front. */
export function notifyAcceptances(core: Pick<Core, 'subscribe'>, Notification: NotificationApi): () => void {
  return core.subscribe((event) => {
    if (event.name !== 'invites.accepted' || !Notification.isSupported()) return;
    new Notification({
      title: 'Codex account connected',
      body: `${event.payload.email} joined the Pool ${event.payload.poolName}.`,
    }).show();
  });
}
