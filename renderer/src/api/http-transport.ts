import type { DownloadOutcome, PoolerEvent, Result } from '../../../shared/contract';
import { EVENTS_EMITTED_HEADER, isDownloadChannel } from '../../../shared/contract/channel-names';
import { ApiError } from './api-error';
import { readEventStream } from './event-stream';
import type { Transport } from './transport';

/** A download's one-time link, followed as a plain link: the file never passes through this page's memory. */
function follow(url: string) {
  const link = document.createElement('a');
  link.href = url;
  link.download = '';
  link.click();
}

/**
 * The browser console, signed in with a session (see browser-session.ts) — or, served by a team
 * server (`session` null), by the HttpOnly cookie its sign-in page set: when that session ends,
 * the page goes back to sign in.
 */
export function httpTransport(session: string | null): Transport {
  const authorization: Record<string, string> = session ? { Authorization: `Bearer ${session}` } : {};
  // The page reads at once, without waiting for its event stream. Each answer says how many
  // events the core had announced when it read (EVENTS_EMITTED_HEADER), and so does the stream as
  // it opens: a read that saw fewer may have missed one, and only then does the page read again.
  let openedAt: number | null = null;
  let fewestSeen = Infinity;
  let onResync = () => {};
  /** One read again per opening, however many stale answers arrive. */
  let resynced = false;
  const resync = () => {
    if (resynced) return;
    resynced = true;
    onResync();
  };
  const saw = (header: string | null) => {
    const count = Number(header);
    if (header === null || !Number.isInteger(count)) return;
    if (openedAt === null) fewestSeen = Math.min(fewestSeen, count);
    else if (count < openedAt) resync();
  };
  async function signInLink() {
    const response = await fetch('/session/link', { method: 'POST', headers: authorization });
    const result = (await response.json()) as Result<{ url: string }>;
    if (!result.ok) throw new ApiError(result.error);
    return result.data.url;
  }
  async function signOut() {
    await fetch('/api/session', { method: 'DELETE' });
    window.location.assign('/sign-in');
  }
  /**
   * One POST of a call or calls: its result, once its events count (and, on a team server, a
   * session's end) is noted.
   */
  async function post<T>(path: string, body: unknown): Promise<Result<T>> {
    const response = await fetch(path, {
      method: 'POST',
      headers: { ...authorization, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    saw(response.headers.get(EVENTS_EMITTED_HEADER));
    const result = (await response.json()) as Result<T>;
    if (!session && !result.ok && result.error.code === 'unauthorized') window.location.assign('/sign-in');
    return result;
  }
  return {
    async call(channel, input) {
      const result = await post<unknown>(`/rpc/${channel}`, input ?? {});
      if (result.ok && isDownloadChannel(channel)) {
        const outcome = result.data as DownloadOutcome;
        if (outcome.kind === 'link') follow(outcome.url);
      }
      return result;
    },
    // A refusal of the whole request (no session, say) is each call's answer.
    async callMany(calls) {
      const result = await post<Result<unknown>[]>('/rpc', calls);
      return result.ok ? result.data : calls.map(() => result);
    },
    ...(session ? { signInLink } : { signOut }),
    subscribe(listener, readAgain) {
      onResync = readAgain;
      return readEventStream('/events', authorization, {
        onOpen: (response) => {
          // Every later open resyncs: whatever changed while the stream was down was never announced.
          if (openedAt !== null) return readAgain();
          openedAt = Number(response.headers.get(EVENTS_EMITTED_HEADER) ?? Infinity);
          if (fewestSeen < openedAt) resync();
        },
        onData: (data) => listener(JSON.parse(data) as PoolerEvent),
      });
    },
  };
}
