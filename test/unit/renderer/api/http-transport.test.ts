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

describe('browser console transport: events', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the session in a header, resyncs on every open (the first included) and passes events on', async () => {
    const streams = [eventStream(), eventStream()];
    const requests: RequestInit[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn((_url: string, init: RequestInit) => {
        requests.push(init);
        return Promise.resolve(streams[requests.length - 1]?.response);
      }),
    );
    const events: unknown[] = [];
    const onResync = vi.fn();
    const unsubscribe = httpTransport('session-1').subscribe((e) => events.push(e), onResync);
    await vi.waitFor(() => expect(onResync).toHaveBeenCalledTimes(1));
    expect(requests[0]?.headers).toEqual({ Authorization: 'Bearer session-1' });
    // A keep-alive comment, then an event split across two chunks.
    streams[0]?.send(': connected\n\ndata: {"name":"pools.changed",');
    streams[0]?.send('"payload":{"poolId":"pool-1"}}\n\n');
    await vi.waitFor(() => expect(events).toEqual([{ name: 'pools.changed', payload: { poolId: 'pool-1' } }]));
    // The console restarts: the stream drops, comes back, and the page resyncs again.
    streams[0]?.drop();
    await vi.waitFor(() => expect(onResync).toHaveBeenCalledTimes(2), { timeout: 3_000 });
    unsubscribe();
    expect((requests[1]?.signal as AbortSignal).aborted).toBe(true);
  });
});
