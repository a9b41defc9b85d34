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

/** How long the first calls wait for the event stream before going ahead without it. */
const FIRST_OPEN_WAIT_MS = 3_000;

/** The browser console, signed in with a session (see browser-session.ts). */
export function httpTransport(session: string): Transport {
  const authorization = { Authorization: `Bearer ${session}` };
  // The page's first reads wait for the event stream to open: read after it, they miss nothing,
  // so its first opening needs no resync (which would read everything a second time at start).
  // Should the stream be slow to open, the reads go ahead, and that opening resyncs after all.
  let awaitingFirstOpen = true;
  let release = () => {};
  const streamOpen = new Promise<void>((resolve) => (release = resolve));
  const goAhead = () => {
    awaitingFirstOpen = false;
    release();
  };
  setTimeout(goAhead, FIRST_OPEN_WAIT_MS);
  return {
    async call(channel, input) {
      await streamOpen;
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
      // Every later open resyncs: whatever changed while the stream was down was never announced.
      return readEventStream('/events', authorization, {
        onOpen: () => (awaitingFirstOpen ? goAhead() : onResync()),
        onData: (data) => listener(JSON.parse(data) as PoolerEvent),
      });
    },
  };
}
