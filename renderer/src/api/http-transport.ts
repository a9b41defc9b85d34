import type { PoolerEvent, Result } from '../../../shared/contract';
import type { Transport } from './transport';

/** The browser console: the server put the access token in a meta tag of index.html. */
export function httpTransport(token: string): Transport {
  return {
    async call(channel, input) {
      const response = await fetch(`/rpc/${channel}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      return (await response.json()) as Result<unknown>;
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
    exportInvites(format, filters) {
      const query = new URLSearchParams({ format });
      for (const [key, value] of Object.entries(filters)) if (value) query.set(key, String(value));
      const link = document.createElement('a');
      link.href = `/export/invites?${query.toString()}`;
      link.download = '';
      link.click();
      return Promise.resolve({ kind: 'downloading' });
    },
    exportAuthJson(upstreamId) {
      // A link, not fetch: the tokens go straight to the file and never into this page's memory.
      const link = document.createElement('a');
      link.href = `/export/upstreams/${encodeURIComponent(upstreamId)}/auth.json`;
      link.download = 'auth.json';
      link.click();
      return Promise.resolve({ kind: 'downloading' });
    },
  };
}

export function tokenFromPage(): string | null {
  return document.querySelector<HTMLMetaElement>('meta[name="pooler-token"]')?.content ?? null;
}
