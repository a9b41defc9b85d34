import { useCoreEvents } from '../api/ApiProvider';
import { useNotify } from './Notifier';

/** Says so when an invitee connects their account, wherever the operator is in the console. */
export function AcceptanceNotices() {
  const notify = useNotify();
  useCoreEvents((event) => {
    if (event.name === 'invites.accepted')
      notify(`${event.payload.email} connected their Codex account to ${event.payload.poolName}.`, 'success');
  });
  return null;
}
