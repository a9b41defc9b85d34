import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../../renderer/src/api/api-error';
import { firstReadsSettled, startFirstReads, type FirstReads } from '../../../../renderer/src/api/first-reads';
import type { Transport } from '../../../../renderer/src/api/transport';
import type { ChannelName, Result } from '../../../../shared/contract';

/** A read the test answers (or fails) when it chooses. */
function held<T>() {
  let answer!: (value: T) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<T>((resolve, reject) => {
    answer = resolve;
    fail = reject;
  });
  promise.catch(() => undefined);
  return { promise, answer, fail };
}

function reads() {
  const each = { appStatus: held(), settings: held(), pools: held(), onboarding: held(), team: held() };
  const firstReads = Object.fromEntries(
    Object.entries(each).map(([name, read]) => [name, read.promise]),
  ) as unknown as FirstReads;
  return { each, firstReads };
}

/** Whether `promise` has settled once every callback queued so far has run. */
async function settledYet(promise: Promise<void>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  await vi.advanceTimersByTimeAsync(0);
  return settled;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('waiting for the first reads before the first render', () => {
  it('settles once every read has answered or failed, not before', async () => {
    vi.useFakeTimers();
    const { each, firstReads } = reads();
    const waited = firstReadsSettled(firstReads, 1000);
    each.appStatus.answer({});
    each.settings.answer({});
    each.pools.fail(new Error('unauthorized'));
    each.onboarding.answer({});
    expect(await settledYet(waited)).toBe(false);
    each.team.answer({});
    expect(await settledYet(waited)).toBe(true);
  });

  it('stops waiting for a read the host has not answered after the time given', async () => {
    vi.useFakeTimers();
    const { each, firstReads } = reads();
    const waited = firstReadsSettled(firstReads, 1000);
    for (const read of [each.appStatus, each.settings, each.onboarding, each.team]) read.answer({});
    await vi.advanceTimersByTimeAsync(999);
    expect(await settledYet(waited)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settledYet(waited)).toBe(true);
  });
});

/** A transport that answers each channel with its name (and team.status with a refusal), noting what was sent. */
function namingTransport(sendsMany: boolean) {
  const sent: string[][] = [];
  const answer = (channel: ChannelName): Result<unknown> =>
    channel === 'team.status'
      ? { ok: false, error: { code: 'internal_error', message: 'No.' } }
      : { ok: true, data: channel };
  const transport: Transport = {
    call: async (channel) => {
      sent.push([channel]);
      return answer(channel);
    },
    subscribe: () => () => undefined,
    ...(sendsMany && {
      callMany: async (calls) => {
        sent.push(calls.map((call) => call.channel));
        return calls.map((call) => answer(call.channel));
      },
    }),
  };
  return { transport, sent };
}

describe('starting the first reads', () => {
  for (const sendsMany of [true, false]) {
    it(
      sendsMany ? 'sends them as one request where the transport can' : 'sends each alone where it cannot',
      async () => {
        const { transport, sent } = namingTransport(sendsMany);
        const { firstReads } = startFirstReads(transport);
        expect(await firstReads.appStatus).toBe('app.status');
        expect(await firstReads.settings).toBe('settings.get');
        expect(await firstReads.pools).toBe('pools.list');
        expect(await firstReads.onboarding).toBe('onboarding.get');
        await expect(firstReads.team).rejects.toBeInstanceOf(ApiError);
        const channels = ['app.status', 'settings.get', 'pools.list', 'onboarding.get', 'team.status'];
        expect(sent).toEqual(sendsMany ? [channels] : channels.map((channel) => [channel]));
      },
    );
  }
});
