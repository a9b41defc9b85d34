import { afterEach, describe, expect, it, vi } from 'vitest';
import { httpTransport } from '../../../../renderer/src/api/http-transport';

/** The browser's EventSource, reduced to what the transport uses; the test opens it by hand. */
class FakeEventSource {
  static last: FakeEventSource | null = null;
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  close() {
    this.closed = true;
  }
}

describe('browser console transport: events', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('resyncs on every open, the first included, and passes events on', () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const events: unknown[] = [];
    const onResync = vi.fn();
    const unsubscribe = httpTransport('token').subscribe((e) => events.push(e), onResync);
    const source = FakeEventSource.last!;
    expect(source.url).toBe('/events');
    // Changes made before the stream opened were never sent on it: the first open refetches too.
    source.onopen!();
    expect(onResync).toHaveBeenCalledTimes(1);
    source.onmessage!({ data: JSON.stringify({ name: 'pools.changed', payload: { poolId: 'pool-1' } }) });
    expect(events).toEqual([{ name: 'pools.changed', payload: { poolId: 'pool-1' } }]);
    source.onopen!();
    expect(onResync).toHaveBeenCalledTimes(2);
    unsubscribe();
    expect(source.closed).toBe(true);
  });
});
