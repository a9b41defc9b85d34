import type { ServerResponse } from 'node:http';
import type { Core } from '../core';

const HEARTBEAT_MS = 15_000;

/** Streams every core event to one browser as Server-Sent Events until it disconnects. */
export function streamEvents(core: Core, res: ServerResponse, headers: Record<string, string>): void {
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  const unsubscribe = core.subscribe((event) => {
    res.write(`data: ${JSON.stringify(event)}\n\n`);
  });
  // Keeps idle proxies and the browser from timing the stream out.
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  res.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
