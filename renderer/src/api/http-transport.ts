import { isDownloadChannel, type DownloadOutcome, type PoolerEvent, type Result } from '../../../shared/contract';
import type { Transport } from './transport';

/** A download's one-time link, followed as a plain link: the file never passes through this page's memory. */
function follow(url: string) {
  const link = document.createElement('a');
  link.href = url;
  link.download = '';
  link.click();
}

/** The browser console: the server put the access token in a meta tag of index.html. */
export function httpTransport(token: string): Transport {
  return {
    async call(channel, input) {
      const response = await fetch(`/rpc/${channel}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      const result = (await response.json()) as Result<unknown>;
      if (result.ok && isDownloadChannel(channel)) {
        const outcome = result.data as DownloadOutcome;
        if (outcome.kind === 'link') follow(outcome.url);
      }
      return result;
    },
    subscribe(listener, onResync) {
      // EventSource reconnects on its own; the session cookie authorises the stream.
      const source = new EventSource('/events');
      // Every open resyncs, the first included: whatever changed between the page's first
      // fetches and the stream's opening (or while it was down) was never announced to it.
      source.onopen = () => onResync();
      source.onmessage = (message: MessageEvent<string>) => listener(JSON.parse(message.data) as PoolerEvent);
      return () => source.close();
    },
  };
}

export function tokenFromPage(): string | null {
  return document.querySelector<HTMLMetaElement>('meta[name="pooler-token"]')?.content ?? null;
}
