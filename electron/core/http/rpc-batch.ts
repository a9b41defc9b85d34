import { z } from 'zod';
import { RPC_BATCH_MAX, type ApiErrorBody, type Result } from '../../../shared/contract';
import type { Dispatch } from '../rpc/dispatch';
import { validationError } from '../rpc/validation-error';

const NOT_A_LIST = 'The request must be a list of calls, each { "channel": …, "input": … }.';
const NOT_A_LIST_ERROR: ApiErrorBody = {
  code: 'validation_failed',
  message: NOT_A_LIST,
  fields: { input: NOT_A_LIST },
};

const calls = z
  .array(z.strictObject({ channel: z.string(), input: z.unknown() }))
  .min(1, 'The request must hold at least one call.')
  .max(RPC_BATCH_MAX, `The request may hold at most ${RPC_BATCH_MAX} calls.`);

/**
 * `POST /rpc` on both servers: several calls in one request, answered in order, each through
 * `dispatch` as if sent alone (its own validation, policy and typed error). A list that is not
 * one is refused whole, before any call runs.
 */
export async function dispatchBatch(
  dispatch: Dispatch,
  body: unknown,
  context: Parameters<Dispatch>[2],
): Promise<Result<Result<unknown>[]>> {
  if (!Array.isArray(body)) return { ok: false, error: NOT_A_LIST_ERROR };
  const parsed = calls.safeParse(body);
  if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
  const answers: Result<unknown>[] = [];
  for (const call of parsed.data) answers.push(await dispatch(call.channel, call.input, context));
  return { ok: true, data: answers };
}
