import type { ServerResponse } from 'node:http';
import type { Core } from '../core';
import { EVENTS_EMITTED_HEADER } from '../../shared/contract';

const HEARTBEAT_MS = 15_000;

/** Streams every core event to one browser as Server-Sent Events until it disconnects. */
export function streamEvents(core: Core, res: ServerResponse, headers: Record<string, string>): void {
  // The count and the subscription are taken in one turn: every later event reaches this stream.
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    [EVENTS_EMITTED_HEADER]: String(core.eventsEmitted()),
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
