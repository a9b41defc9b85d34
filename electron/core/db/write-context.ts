import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What an open write carries to the code it runs (its transaction, its queue of changes), through
 * every await: an AsyncLocalStorage that is on only while a write is open. While any storage is
 * on, Node 22 runs a hook for every new promise and socket — a cost on every request the console
 * and the invite pages answer, most of which never write — so it is switched off again as the
 * last open write ends. (Node 24's async context frame makes this free; then it can go.)
 */
export function writeContext<T>() {
  const storage = new AsyncLocalStorage<T>();
  let open = 0;
  return {
    /** The innermost open write's value, inside a write; undefined anywhere else. */
    current: (): T | undefined => storage.getStore(),
    async run<R>(value: T, fn: () => Promise<R>): Promise<R> {
      open++;
      try {
        return await storage.run(value, fn);
      } finally {
        if (--open === 0) storage.disable();
      }
    },
  };
}
