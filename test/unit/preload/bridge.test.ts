import { describe, expect, it, vi } from 'vitest';
import { buildBridge } from '../../../electron/preload/bridge';
import { CHANNEL_NAMES, EVENT_CHANNEL, splitChannel } from '../../../shared/contract';

function fakeIpc() {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    invoke: vi.fn((channel: string, input: unknown) => Promise.resolve({ ok: true, data: { channel, input } })),
    on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    }),
    removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) =>
      listeners.get(channel)?.delete(listener),
    ),
    emit: (channel: string, payload: unknown) => listeners.get(channel)?.forEach((l) => l({}, payload)),
  };
}

describe('preload bridge', () => {
  it('exposes one named function per channel, each bound to that channel', async () => {
    const ipc = fakeIpc();
    const bridge = buildBridge(ipc as never) as unknown as Record<
      string,
      Record<string, (input: unknown) => Promise<unknown>>
    >;
    for (const channel of CHANNEL_NAMES) {
      const [group, method] = splitChannel(channel);
      expect(typeof bridge[group]?.[method], channel).toBe('function');
      await bridge[group]![method]!({ probe: channel });
      expect(ipc.invoke).toHaveBeenLastCalledWith(channel, { probe: channel });
    }
    const exposed = Object.entries(bridge).flatMap(([group, fns]) =>
      typeof fns === 'function' ? [group] : Object.keys(fns).map((m) => `${group}.${m}`),
    );
    expect(exposed.sort()).toEqual([...CHANNEL_NAMES, 'subscribe'].sort());
  });

  it('has no generic invoke', () => {
    const bridge = buildBridge(fakeIpc() as never) as unknown as Record<string, unknown>;
    expect(bridge.invoke).toBeUndefined();
    expect(bridge.send).toBeUndefined();
  });

  it('delivers events until unsubscribed', () => {
    const ipc = fakeIpc();
    const bridge = buildBridge(ipc as never);
    const seen: unknown[] = [];
    const unsubscribe = bridge.subscribe((event) => seen.push(event));
    ipc.emit(EVENT_CHANNEL, { name: 'pools.changed', payload: { poolId: 'p' } });
    unsubscribe();
    ipc.emit(EVENT_CHANNEL, { name: 'pools.changed', payload: { poolId: 'q' } });
    expect(seen).toEqual([{ name: 'pools.changed', payload: { poolId: 'p' } }]);
  });
});
