import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Starts jobs one turn of the event loop apart. A sweep launches its first batch of jobs all at
 * once, and each job's synchronous start (a read, a decryption, a request) is short; eight of them
 * back to back, cold, held an operator's request for over 16 ms (npm run bench -- upstreams).
 * Spacing them lets timers and I/O run between two starts. The job itself runs unpaced.
 */
export function createPacer() {
  let previous: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const turn = previous.then(() => nextTurn());
    previous = turn;
    return turn.then(job);
  };
}
