const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 10_000;

/**
 * Server-sent events read with fetch, so the request can carry the session in a header
 * (EventSource cannot send one, and the session must never be a cookie). Reconnects on its own,
 * backing off while the console is away; `onOpen` runs on every (re)connection, with its answer.
 */
export function readEventStream(
  url: string,
  headers: Record<string, string>,
  handlers: { onOpen(response: Response): void; onData(data: string): void },
): () => void {
  const controller = new AbortController();
  let stopped = false;

  async function read(response: Response) {
    if (!response.body) return;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split('\n')
          .filter((line) => line.startsWith('data: '))
          .map((line) => line.slice('data: '.length))
          .join('\n');
        if (data) handlers.onData(data);
      }
    }
  }

  void (async () => {
    for (let failures = 0; !stopped; failures++) {
      try {
        const response = await fetch(url, { headers, signal: controller.signal });
        if (response.ok) {
          failures = 0;
          handlers.onOpen(response);
          await read(response);
        }
      } catch {
        // Dropped or refused: the console restarted or stopped. Try again below.
      }
      if (stopped) return;
      const wait = Math.min(RETRY_FIRST_MS * 2 ** failures, RETRY_MAX_MS);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })();

  return () => {
    stopped = true;
    controller.abort();
  };
}
