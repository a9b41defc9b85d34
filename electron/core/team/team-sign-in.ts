import { OPERATOR_ROLES, type OperatorRole } from '../../../shared/contract';
import { AppError } from '../errors';
import { keychainEntry } from '../secrets/keychain';
import type { TeamSession } from './team-client';
import { errorOf, teamCall, TeamUnreachable, type TeamEndpoint } from './team-http';

/** Password and code, traded at the server for a session of this console's own. */
export async function signInToTeam(
  endpoint: TeamEndpoint,
  input: { email: string; password: string; code: string },
): Promise<TeamSession> {
  let answer;
  try {
    answer = await teamCall(endpoint, 'api/session', { method: 'POST', body: input });
  } catch (err) {
    if (!(err instanceof TeamUnreachable)) throw err;
    throw new AppError('server_unreachable', `Could not reach the team server at ${endpoint.url}: ${err.reason}.`, {
      url: 'Check the address, and that the server is running.',
    });
  }
  if (answer.status !== 200) {
    const error = errorOf(answer);
    throw new AppError(error.code, error.message, error.fields);
  }
  const { session, operator } = (
    answer.body as { data: { session: string; operator: { email: string; role: OperatorRole } } }
  ).data;
  return { ...endpoint, session, email: operator.email, role: operator.role };
}

/** Ends the session at the server too, when it answers; the console forgets it either way. */
export async function signOutOfTeam(connection: TeamSession): Promise<void> {
  await teamCall(connection, 'api/session', { method: 'DELETE', session: connection.session }).catch(() => undefined);
}

const ACCOUNT = 'team-connection';

/** The team server this console is signed in to, kept in the OS keychain beside the data key (never on disk). */
export function teamConnectionStore(service: string) {
  const entry = keychainEntry(service, ACCOUNT);
  return {
    load(): Omit<TeamSession, 'ca'> | null {
      const saved = entry.getPassword();
      if (!saved) return null;
      const parsed = JSON.parse(saved) as Omit<TeamSession, 'ca'>;
      return OPERATOR_ROLES.includes(parsed.role) ? parsed : null;
    },
    save(connection: TeamSession): void {
      const { url, session, email, role } = connection;
      entry.setPassword(JSON.stringify({ url, session, email, role }));
    },
    clear(): void {
      entry.deleteCredential();
    },
  };
}

export type TeamConnectionStore = ReturnType<typeof teamConnectionStore>;
