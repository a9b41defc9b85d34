import {
  CHANNEL_POLICIES,
  contract,
  isChannelName,
  isDownloadChannel,
  type ChannelName,
  type DownloadChannel,
  type OutputOf,
  type ParsedInputOf,
  type Result,
} from '../../../shared/contract';
import { AppError } from '../errors';
import type { Logger } from '../log/logger';
import { isStorageFull } from '../storage/storage-full';
import { refusal, type Caller, type PoolLookup } from './caller';
import type { Deliver, Download } from './download';
import { validationError } from './validation-error';

type Answer<C extends ChannelName> = C extends DownloadChannel ? Download : OutputOf<C>;

/** Every handler is told who calls: its audit actor, and the Pools a list is narrowed to. */
export type Handlers = {
  [C in ChannelName]: (input: ParsedInputOf<C>, caller: Caller) => Answer<C> | Promise<Answer<C>>;
};

/** One domain's part of the table, e.g. `HandlersOf<'pools'>`: exactly the channels named `pools.…`. */
export type HandlersOf<Group extends string> = Pick<Handlers, Extract<ChannelName, `${Group}.${string}`>>;

/** What the calling shell brings to a call. */
interface CallContext {
  /** Where a download's bytes go; without it, download channels answer `not_supported`. */
  deliver?: Deliver;
  /** A team server's signed-in operator; without it, the desktop console's own operator (an owner). */
  caller?: Caller;
}

export type Dispatch = (channel: string, input: unknown, context?: CallContext) => Promise<Result<unknown>>;

const INTERNAL = { code: 'internal_error', message: 'Something went wrong. The details are in the log.' } as const;
const NO_DOWNLOADS = { code: 'not_supported', message: 'This console cannot save files.' } as const;
const STORAGE_FULL = {
  code: 'storage_full',
  message: 'The disk that holds Pooler Console’s data is full, so nothing was saved. Free some space, then try again.',
} as const;

/**
 * The one path from a shell into the core: known channel → zod-parsed input → the channel's
 * policy for this caller → handler → typed result. A download's handler returns the file; the shell's `deliver` decides where it goes.
 * With `checkOutputs` (every test core), outputs are also parsed against their schemas, so a
 * handler that drifts from the contract fails loudly; the shipped shells rely on the
 * compile-time `Handlers` type instead and skip the per-row cost.
 */
export function createDispatch(
  handlers: Handlers,
  logger: Logger,
  options: { checkOutputs: boolean; localCaller: () => Promise<Caller>; lookup: PoolLookup },
): Dispatch {
  return async (channel, input, context = {}) => {
    if (!isChannelName(channel)) {
      return {
        ok: false,
        error: { code: 'unknown_channel', message: `There is no channel named "${channel.slice(0, 64)}".` },
      };
    }
    const definition = contract[channel];
    const parsed = definition.input.safeParse(input);
    if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
    const { deliver } = context;
    const downloading = isDownloadChannel(channel);
    if (downloading && !deliver) return { ok: false, error: NO_DOWNLOADS };
    try {
      const caller = context.caller ?? (await options.localCaller());
      const refused = await refusal(
        CHANNEL_POLICIES[channel],
        caller,
        parsed.data as Record<string, unknown>,
        options.lookup,
      );
      if (refused) return { ok: false, error: refused.toBody() };
      const handler = handlers[channel] as (input: unknown, caller: Caller) => unknown;
      const answer = await handler(parsed.data, caller);
      const data = downloading && deliver ? await deliver(answer as Download) : answer;
      if (!options.checkOutputs) return { ok: true, data };
      const output = definition.output.safeParse(data);
      if (!output.success) {
        logger.error({ channel, issues: output.error.issues }, 'handler output does not match the contract');
        return { ok: false, error: INTERNAL };
      }
      return { ok: true, data: output.data };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err.toBody() };
      if (isStorageFull(err)) {
        logger.warn({ channel }, 'the disk is full');
        return { ok: false, error: STORAGE_FULL };
      }
      logger.error({ err, channel }, 'handler failed');
      return { ok: false, error: INTERNAL };
    }
  };
}
