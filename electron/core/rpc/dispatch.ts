import {
  contract,
  isChannelName,
  type ChannelName,
  type OutputOf,
  type ParsedInputOf,
  type Result,
} from '../../../shared/contract';
import { AppError } from '../errors';
import type { Logger } from '../log/logger';
import { validationError } from './validation-error';

export type Handlers = {
  [C in ChannelName]: (input: ParsedInputOf<C>) => OutputOf<C> | Promise<OutputOf<C>>;
};

export type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown>>;

const INTERNAL = { code: 'internal_error', message: 'Something went wrong. The details are in the log.' } as const;

/**
 * The one path from a shell into the core: known channel → zod-parsed input → handler → typed
 * result. With `checkOutputs` (every test core), outputs are also parsed against their schemas,
 * so a handler that drifts from the contract fails loudly; the shipped shells rely on the
 * compile-time `Handlers` type instead and skip the per-row cost.
 */
export function createDispatch(handlers: Handlers, logger: Logger, options: { checkOutputs: boolean }): Dispatch {
  return async (channel, input) => {
    if (!isChannelName(channel)) {
      return {
        ok: false,
        error: { code: 'unknown_channel', message: `There is no channel named "${channel.slice(0, 64)}".` },
      };
    }
    const definition = contract[channel];
    const parsed = definition.input.safeParse(input);
    if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
    try {
      const handler = handlers[channel] as (input: unknown) => unknown;
      const data = await handler(parsed.data);
      if (!options.checkOutputs) return { ok: true, data };
      const output = definition.output.safeParse(data);
      if (!output.success) {
        logger.error({ channel, issues: output.error.issues }, 'handler output does not match the contract');
        return { ok: false, error: INTERNAL };
      }
      return { ok: true, data: output.data };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err.toBody() };
      logger.error({ err, channel }, 'handler failed');
      return { ok: false, error: INTERNAL };
    }
  };
}
