import { describe, expect, it } from 'vitest';
import { ApiError, errorMessage } from '../../../../renderer/src/api/api-error';
import { createApi } from '../../../../renderer/src/api/client';
import type { Transport } from '../../../../renderer/src/api/transport';
import type { Result } from '../../../../shared/contract';

function transport(answer: (channel: string, input: unknown) => Result<unknown>): Transport & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    calls,
    call: (channel, input) => {
      calls.push([channel, input]);
      return Promise.resolve(answer(channel, input));
    },
    subscribe: () => () => undefined,
  };
}

describe('renderer API client', () => {
  it('calls the channel a method names and resolves to its data', async () => {
    const t = transport(() => ({ ok: true, data: { pools: [] } }));
    const api = createApi(t);
    await expect(api.pools.list({})).resolves.toEqual({ pools: [] });
    await api.pools.rename({ id: 'pool-1', name: 'x' });
    expect(t.calls).toEqual([
      ['pools.list', {}],
      ['pools.rename', { id: 'pool-1', name: 'x' }],
    ]);
  });

  it('throws ApiError with the code and field messages of an error result', async () => {
    const api = createApi(
      transport(() => ({
        ok: false,
        error: { code: 'pool_name_taken', message: 'Taken.', fields: { name: 'Taken.' } },
      })),
    );
    const error = await api.pools.create({ name: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'pool_name_taken', message: 'Taken.', fields: { name: 'Taken.' } });
    expect(errorMessage(error)).toBe('Taken.');
    expect(errorMessage(new TypeError('fetch failed'))).toMatch(/could not be reached/);
  });
});
