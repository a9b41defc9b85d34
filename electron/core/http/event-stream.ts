import type { ServerResponse } from 'node:http';
import type { Core } from '../core';
import { EVENTS_EMITTED_HEADER, type PoolerEvent } from '../../../shared/contract';

const HEARTBEAT_MS = 15_000;

/**
 * Streams the core's events to one client as Server-Sent Events until it disconnects. On a team
 * server, `visible` keeps a Pool-scoped operator's stream to its Pools, and the stream ends as
 * soon as `signedIn` says its session has (revoked, signed out, expired), checked before each
 * event and on each heartbeat.
 */
export function streamEvents(
  core: Pick<Core, 'eventsEmitted' | 'subscribe'>,
  res: ServerResponse,
  headers: Record<string, string>,
  options: { visible?: (event: PoolerEvent) => boolean; signedIn?: () => boolean | Promise<boolean> } = {},
): void {
  const { visible = () => true, signedIn = () => true } = options;
  // One check at a time, in order: an event is never overtaken by a later one, nor sent after a
  // check that ended the stream.
  let queue = Promise.resolve();
  const send = (text: string | null) => {
    queue = queue
      .then(async () => {
        if (res.writableEnded) return;
        if (!(await signedIn())) return void res.end();
        if (text !== null) res.write(text);
      })
      .catch(() => void res.end());
  };
  // The count and the subscription are taken in one turn: every later event reaches this stream.
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    [EVENTS_EMITTED_HEADER]: String(core.eventsEmitted()),
  });
  res.write(': connected\n\n');
  const unsubscribe = core.subscribe((event) => send(visible(event) ? `data: ${JSON.stringify(event)}\n\n` : null));
  // Keeps idle proxies and the browser from timing the stream out.
  const heartbeat = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS);
  res.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
