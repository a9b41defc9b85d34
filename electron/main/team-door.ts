import { contract, type PoolerEvent, type Result, type TeamStatus } from '../../shared/contract';
import type { Core } from '../core';
import { AppError } from '../core/errors';
import type { EventListener } from '../core/events/event-bus';
import type { Dispatch } from '../core/rpc/dispatch';
import { validationError } from '../core/rpc/validation-error';
import { connectTeamClient, type TeamClient, type TeamSession } from '../core/team/team-client';
import { signInToTeam, signOutOfTeam, type TeamConnectionStore } from '../core/team/team-sign-in';

const LOCAL: TeamStatus = { state: 'local' };

/**
 * The one door the window calls through: this machine's own core, or — once Settings connected
 * it — a team server, as the signed-in operator. The renderer is the same either way; on every
 * switch (and when the server goes offline or comes back) it hears `team.changed` and reads
 * everything again. The session lives in the OS keychain, so a restart reconnects.
 */
export function createTeamDoor(deps: {
  core: Pick<Core, 'dispatch' | 'subscribe'>;
  store: TeamConnectionStore;
  /** A private CA to trust for the server (tests); otherwise the system's and NODE_EXTRA_CA_CERTS. */
  ca?: string | undefined;
}) {
  const { core, store, ca } = deps;
  const listeners = new Set<EventListener>();
  const emit = (event: PoolerEvent) => {
    for (const listener of listeners) listener(event);
  };
  let client: TeamClient | null = null;
  let connection: TeamSession | null = null;
  const status = () => client?.status() ?? LOCAL;
  const announce = () => emit({ name: 'team.changed', payload: status() });

  function attach(next: TeamSession) {
    connection = next;
    client = connectTeamClient({ connection: next, onEvent: emit, onStatus: announce });
  }
  function detach(): TeamSession | null {
    const was = connection;
    client?.close();
    client = null;
    connection = null;
    return was;
  }

  const saved = store.load();
  if (saved) attach({ ...saved, ca });
  // The local core's events reach the window only while it is the store in use.
  core.subscribe((event) => {
    if (!client) emit(event);
  });

  async function connect(input: unknown): Promise<Result<TeamStatus>> {
    const parsed = contract['team.connect'].input.safeParse(input);
    if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
    const { url, ...credentials } = parsed.data;
    try {
      const next = await signInToTeam({ url: url.replace(/\/+$/, ''), ca }, credentials);
      try {
        store.save(next);
      } catch (err) {
        void signOutOfTeam(next);
        throw new AppError('keychain_unavailable', `The session could not be kept in the OS keychain: ${String(err)}`);
      }
      const previous = detach();
      if (previous) void signOutOfTeam(previous);
      attach(next);
      announce();
      return { ok: true, data: status() };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err.toBody() };
      throw err;
    }
  }

  const dispatch: Dispatch = async (channel, input, context) => {
    if (channel === 'team.status') return { ok: true, data: status() };
    if (channel === 'team.connect') return connect(input);
    if (channel === 'team.disconnect') {
      const was = detach();
      if (was) {
        store.clear();
        void signOutOfTeam(was);
        announce();
      }
      return { ok: true, data: LOCAL };
    }
    return client ? client.dispatch(channel, input, context) : core.dispatch(channel, input, context);
  };

  return {
    dispatch,
    subscribe(listener: EventListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => void detach(),
  };
}
