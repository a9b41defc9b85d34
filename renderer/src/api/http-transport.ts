import { isDownloadChannel, type DownloadOutcome, type PoolerEvent, type Result } from '../../../shared/contract';
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

/** The browser console, signed in with a session (see browser-session.ts). */
export function httpTransport(session: string): Transport {
  const authorization = { Authorization: `Bearer ${session}` };
  return {
    async call(channel, input) {
      const response = await fetch(`/rpc/${channel}`, {
        method: 'POST',
        headers: { ...authorization, 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      const result = (await response.json()) as Result<unknown>;
      if (result.ok && isDownloadChannel(channel)) {
        const outcome = result.data as DownloadOutcome;
        if (outcome.kind === 'link') follow(outcome.url);
      }
      return result;
    },
    async signInLink() {
      const response = await fetch('/session/link', { method: 'POST', headers: authorization });
      const result = (await response.json()) as Result<{ url: string }>;
      if (!result.ok) throw new ApiError(result.error);
      return result.data.url;
    },
    subscribe(listener, onResync) {
      // Every open resyncs, the first included: whatever changed between the page's first
      // fetches and the stream's opening (or while it was down) was never announced to it.
      return readEventStream('/events', authorization, {
        onOpen: onResync,
        onData: (data) => listener(JSON.parse(data) as PoolerEvent),
      });
    },
  };
}
