/**
 * One run per key at a time: a caller that arrives while a key's run is under way gets that
 * run's promise instead of starting another.
 */
export function createSingleFlight<T>() {
  const inFlight = new Map<string, Promise<T>>();
  return {
    run(key: string, start: () => Promise<T>): Promise<T> {
      let running = inFlight.get(key);
      if (!running) {
        running = start().finally(() => inFlight.delete(key));
        inFlight.set(key, running);
      }
      return running;
    },
    has: (key: string) => inFlight.has(key),
  };
}
