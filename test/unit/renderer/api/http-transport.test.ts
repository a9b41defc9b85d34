import { afterEach, describe, expect, it, vi } from 'vitest';
import { httpTransport } from '../../../../renderer/src/api/http-transport';

/** A server-sent event stream the test writes into, as fetch's response body. */
function eventStream() {
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    send: (text: string) => controller?.enqueue(encoder.encode(text)),
    drop: () => controller?.close(),
  };
}

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });

describe('browser console transport: events', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('sends the session in a header; first reads wait for the stream, whose first open needs no resync; a reopen resyncs', async () => {
    const streams = [eventStream(), eventStream()];
    const requests: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string, init: RequestInit) => {
        requests.push({ url, init });
        if (url !== '/events') return Promise.resolve(json({ ok: true, data: { version: 't' } }));
        return Promise.resolve(streams[requests.filter((r) => r.url === '/events').length - 1]?.response);
      }),
    );
    const transport = httpTransport('session-1');
    // A read asked for before the stream exists waits for it: nothing it returns can be older
    // than what the stream will announce.
    const read = transport.call('app.status', {});
    expect(requests).toEqual([]);
    const events: unknown[] = [];
    const onResync = vi.fn();
    const unsubscribe = transport.subscribe((e) => events.push(e), onResync);
    expect(await read).toEqual({ ok: true, data: { version: 't' } });
    expect(requests.map((r) => r.url)).toEqual(['/events', '/rpc/app.status']);
    expect(requests[0]?.init.headers).toEqual({ Authorization: 'Bearer session-1' });
    expect(onResync).not.toHaveBeenCalled();
    // A keep-alive comment, then an event split across two chunks.
    streams[0]?.send(': connected\n\ndata: {"name":"pools.changed",');
    streams[0]?.send('"payload":{"poolId":"pool-1"}}\n\n');
    await vi.waitFor(() => expect(events).toEqual([{ name: 'pools.changed', payload: { poolId: 'pool-1' } }]));
    // The console restarts: the stream drops, comes back, and the page resyncs.
    streams[0]?.drop();
    await vi.waitFor(() => expect(onResync).toHaveBeenCalledTimes(1), { timeout: 3_000 });
    unsubscribe();
    const reopened = requests.filter((r) => r.url === '/events').at(-1);
    expect(reopened?.init.signal?.aborted).toBe(true);
  });

  it('lets reads go ahead when the stream is slow to open, and resyncs when it finally does', async () => {
    vi.useFakeTimers();
    const stream = eventStream();
    let openStream: (response: Response) => void = () => {};
    const urls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string) => {
        urls.push(url);
        return url === '/events'
          ? new Promise<Response>((resolve) => (openStream = resolve))
          : Promise.resolve(json({ ok: true, data: {} }));
      }),
    );
    const transport = httpTransport('session-1');
    const onResync = vi.fn();
    transport.subscribe(() => undefined, onResync);
    const read = transport.call('settings.get', {});
    await vi.advanceTimersByTimeAsync(2_900);
    expect(urls).toEqual(['/events']);
    await vi.advanceTimersByTimeAsync(200);
    expect(await read).toEqual({ ok: true, data: {} });
    expect(urls).toEqual(['/events', '/rpc/settings.get']);
    openStream(stream.response);
    await vi.waitFor(() => expect(onResync).toHaveBeenCalledTimes(1));
  });
});
