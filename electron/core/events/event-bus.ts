import type { PoolerEvent } from '../../../shared/contract';
import type { Logger } from '../log/logger';

export type EventListener = (event: PoolerEvent) => void;

export interface EventBus {
  emit(event: PoolerEvent): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(logger: Logger): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event) {
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
  };
}
