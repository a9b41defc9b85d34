import { eventSchemas, type PoolerEvent } from '../../../shared/contract';
import type { Logger } from '../log/logger';

export type EventListener = (event: PoolerEvent) => void;

export interface EventBus {
  emit(event: PoolerEvent): void;
  subscribe(listener: EventListener): () => void;
  /** How many events were emitted so far: a reader compares it with a stream's to know what it missed. */
  emitted(): number;
}

/**
 * The core's announcements to every console. With `checkPayloads` (test cores) each payload is
 * parsed against its schema first, so an event that drifts from the contract fails the test
 * that caused it instead of confusing a page later.
 */
export function createEventBus(
  logger: Logger,
  options: { checkPayloads: boolean } = { checkPayloads: false },
): EventBus {
  const listeners = new Set<EventListener>();
  let emitted = 0;
  return {
    emit(event) {
      if (options.checkPayloads) eventSchemas[event.name].parse(event.payload);
      emitted++;
      for (const listener of listeners) {
        // One broken subscriber (a closed window, a dropped SSE client) must not starve the rest.
        try {
          listener(event);
        } catch (err) {
          logger.warn({ err, event: event.name }, 'event listener failed');
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emitted: () => emitted,
  };
}
