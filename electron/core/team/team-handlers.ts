import { AppError } from '../errors';
import type { HandlersOf } from '../rpc/dispatch';

const ELSEWHERE = 'Connecting to a team server is done in the desktop app, in Settings.';

/**
 * The core answers for its own store only. The desktop app's main process takes these channels
 * before they reach it (see electron/main/team-door.ts); any other shell — the browser console,
 * a team server itself — reports where this is done.
 */
export function teamHandlers(): HandlersOf<'team'> {
  const elsewhere = () => {
    throw new AppError('not_supported', ELSEWHERE);
  };
  return {
    'team.status': () => ({ state: 'local' }),
    'team.connect': elsewhere,
    'team.disconnect': elsewhere,
  };
}
