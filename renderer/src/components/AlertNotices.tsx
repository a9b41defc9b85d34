import type { AlertKind, RaisedAlert } from '../../../shared/contract';
import { useCoreEvents } from '../api/ApiProvider';
import { useNotify } from './Notifier';

/** Good news reads as success; everything else asks the operator to look. */
const GOOD: ReadonlySet<AlertKind> = new Set(['invite_accepted', 'relink_completed', 'pool_capacity_recovered']);

/**
 * The browser console's desktop notification, once the operator allowed them (Settings →
 * Alerts). The desktop app's main process shows its own, so its window never doubles them.
 */
function webNotification(alert: RaisedAlert, open: (link: string) => void) {
  if (window.pooler || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const notification = new Notification(alert.title, { body: alert.body, tag: `pooler-${alert.kind}` });
  notification.onclick = () => {
    window.focus();
    open(alert.link);
    notification.close();
  };
}

/** Every alert the core raises, wherever the operator is in the console: an in-app notice with "Show". */
export function AlertNotices({ open }: { open(link: string): void }) {
  const notify = useNotify();
  useCoreEvents((event) => {
    if (event.name !== 'alerts.raised') return;
    const alert = event.payload;
    notify(alert.body, GOOD.has(alert.kind) ? 'success' : 'info', { label: 'Show', run: () => open(alert.link) });
    webNotification(alert, open);
  });
  return null;
}
