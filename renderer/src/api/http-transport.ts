import type { PoolerEvent, Result } from '../../../shared/contract';
import { ApiError } from './api-error';
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
      let connectedBefore = false;
      source.onopen = () => {
        if (connectedBefore) onResync();
        connectedBefore = true;
      };
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
    async exportAuthJson(upstreamId) {
      const response = await fetch('/export/upstreams/auth.json', {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ id: upstreamId }),
      });
      if (!response.ok) throw new ApiError(((await response.json()) as Extract<Result<never>, { ok: false }>).error);
      // The tokens stay in this page's memory only as long as the download takes.
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = 'auth.json';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return { kind: 'downloading' };
    },
  };
}

export function tokenFromPage(): string | null {
  return document.querySelector<HTMLMetaElement>('meta[name="pooler-token"]')?.content ?? null;
}
