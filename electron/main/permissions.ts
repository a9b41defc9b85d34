import type { Session } from 'electron';

// The Copy button writes the one-time URL to the clipboard; nothing else is ever granted.
const ALLOWED = new Set(['clipboard-sanitized-write']);

export function applyPermissionPolicy(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED.has(permission)));
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED.has(permission));
}
