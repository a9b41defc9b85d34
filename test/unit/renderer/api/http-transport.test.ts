import { afterEach, describe, expect, it, vi } from 'vitest';
import { httpTransport } from '../../../../renderer/src/api/http-transport';
import { EVENTS_EMITTED_HEADER } from '../../../../shared/contract';

/** A server-sent event stream the test writes into, as fetch's response body. */
function eventStream(emitted: number) {
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, {
      status: 200,
      headers: { 'Content-Type': 'text/event-stream', [EVENTS_EMITTED_HEADER]: String(emitted) },
    }),
    send: (text: string) => controller?.enqueue(encoder.encode(text)),
    drop: () => controller?.close(),
  };
}

const json = (body: unknown, emitted: number) =>
  new Response(JSON.stringify(body), {
    headers: { 'Content-Type': 'application/json', [EVENTS_EMITTED_HEADER]: String(emitted) },
  });

describe('browser console transport: events', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('sends the session in a header; reads go at once; a first open after them resyncs only if they may have missed an event; a reopen resyncs', async () => {
    const streams = [eventStream(5), eventStream(7), eventStream(9)];
    let emittedAtRead = 5;
    const requests: { url: string; init: RequestInit }[] = [];
    let openStream: () => void = () => {};
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string, init: RequestInit) => {
        requests.push({ url, init });
        if (url !== '/events') return Promise.resolve(json({ ok: true, data: { version: 't' } }, emittedAtRead));
        const stream = streams[requests.filter((r) => r.url === '/events').length - 1]!;
        return new Promise<Response>((resolve) => (openStream = () => resolve(stream.response)));
      }),
    );
    const transport = httpTransport('session-1');
    // A read asked for before the stream exists goes at once.
    expect(await transport.call('app.status', {})).toEqual({ ok: true, data: { version: 't' } });
    expect(requests.map((r) => r.url)).toEqual(['/rpc/app.status']);
    const events: unknown[] = [];
    const onResync = vi.fn();
    const unsubscribe = transport.subscribe((e) => events.push(e), onResync);
    expect(requests[1]?.init.headers).toEqual({ Authorization: 'Bearer session-1' });
    // The stream opens having seen as many events as the read: nothing was missed.
    openStream();
    streams[0]?.send(': connected\n\ndata: {"name":"pools.changed",');
    streams[0]?.send('"payload":{"poolId":"pool-1"}}\n\n');
    await vi.waitFor(() => expect(events).toEqual([{ name: 'pools.changed', payload: { poolId: 'pool-1' } }]));
    expect(onResync).not.toHaveBeenCalled();
    // The console restarts: the stream drops, comes back, and the page resyncs.
    emittedAtRead = 7;
    streams[0]?.drop();
    await vi.waitFor(() => expect(requests.filter((r) => r.url === '/events')).toHaveLength(2), { timeout: 3_000 });
    openStream();
    await vi.waitFor(() => expect(onResync).toHaveBeenCalledTimes(1));
    unsubscribe();
    const reopened = requests.filter((r) => r.url === '/events').at(-1);
    expect(reopened?.init.signal?.aborted).toBe(true);
  });

  it('resyncs once when reads saw fewer events than the stream opened with, whichever arrives first', async () => {
    for (const order of ['reads first', 'stream first'] as const) {
      const stream = eventStream(4);
      let openStream: () => void = () => {};
      let answerRead: () => void = () => {};
      vi.stubGlobal(
        'fetch',
        vi.fn((url: string) =>
          url === '/events'
            ? new Promise<Response>((resolve) => (openStream = () => resolve(stream.response)))
            : new Promise<Response>((resolve) => (answerRead = () => resolve(json({ ok: true, data: {} }, 3)))),
        ),
      );
      const transport = httpTransport('session-1');
      const onResync = vi.fn();
      const reads = [transport.call('settings.get', {})];
      const answerFirst = answerRead;
      reads.push(transport.call('pools.list', {}));
      const answerSecond = answerRead;
      transport.subscribe(() => undefined, onResync);
      if (order === 'reads first') {
        answerFirst();
        answerSecond();
        await Promise.all(reads);
        openStream();
      } else {
        openStream();
        // Let the opening be read (a macrotask drains every pending promise step) before the answers.
        await new Promise((resolve) => setTimeout(resolve, 0));
        expect(onResync).not.toHaveBeenCalled();
        answerFirst();
        answerSecond();
        await Promise.all(reads);
      }
      await vi.waitFor(() => expect(onResync).toHaveBeenCalledTimes(1));
      // One event was announced between the reads and the stream: read again, once.
      await Promise.resolve();
      expect(onResync).toHaveBeenCalledTimes(1);
    }
  });
});

describe('browser console transport: several calls at once', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('posts them as one list to /rpc and hands each its answer; a refusal of the request is each one’s', async () => {
    const requests: { url: string; init: RequestInit }[] = [];
    let answer: unknown = {
      ok: true,
      data: [
        { ok: true, data: 1 },
        { ok: false, error: { code: 'forbidden' } },
      ],
    };
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string, init: RequestInit) => {
        requests.push({ url, init });
        return Promise.resolve(json(answer, 0));
      }),
    );
    const transport = httpTransport('session-1');
    const calls = [
      { channel: 'settings.get' as const, input: {} },
      { channel: 'pools.create' as const, input: { name: 'x' } },
    ];
    expect(await transport.callMany!(calls)).toEqual([
      { ok: true, data: 1 },
      { ok: false, error: { code: 'forbidden' } },
    ]);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe('/rpc');
    expect(requests[0]!.init.headers).toEqual({
      Authorization: 'Bearer session-1',
      'Content-Type': 'application/json',
    });
    expect(JSON.parse(requests[0]!.init.body as string)).toEqual(calls);
    answer = { ok: false, error: { code: 'unauthorized', message: 'Not signed in.' } };
    expect(await transport.callMany!(calls)).toEqual([answer, answer]);
  });
});

describe('browser console transport: on a team server', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends no bearer (the cookie goes by itself), offers no sign-in links, and goes to sign in when the session has ended', async () => {
    const requests: RequestInit[] = [];
    let answer: unknown = { ok: true, data: { pools: [] } };
    vi.stubGlobal(
      'fetch',
      vi.fn((_url: string, init: RequestInit) => {
        requests.push(init);
        return Promise.resolve(json(answer, 0));
      }),
    );
    const assign = vi.fn();
    vi.stubGlobal('window', { location: { assign } });
    const transport = httpTransport(null);
    expect(transport.signInLink).toBeUndefined();
    await transport.call('pools.list', {});
    expect(requests[0]!.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(assign).not.toHaveBeenCalled();
    answer = { ok: false, error: { code: 'forbidden', message: 'Only an owner can do this.' } };
    await transport.call('pools.create', { name: 'x' });
    expect(assign).not.toHaveBeenCalled();
    answer = { ok: false, error: { code: 'unauthorized', message: 'Not signed in.' } };
    await transport.call('pools.list', {});
    expect(assign).toHaveBeenCalledWith('/sign-in');
  });

  it('with a session of its own (the local browser console), never navigates away on its own', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(json({ ok: false, error: { code: 'unauthorized', message: 'x' } }, 0))),
    );
    const assign = vi.fn();
    vi.stubGlobal('window', { location: { assign } });
    const transport = httpTransport('s3ssion');
    expect(transport.signInLink).toBeTypeOf('function');
    await transport.call('pools.list', {});
    expect(assign).not.toHaveBeenCalled();
  });
});
