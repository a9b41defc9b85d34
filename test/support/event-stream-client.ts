import { request, type IncomingHttpHeaders } from 'node:http';

export interface OpenStream {
  status: number;
  headers: IncomingHttpHeaders;
  /** The `data:` payloads received so far, parsed. */
  events: unknown[];
  /** Settles when the server ends the stream (or the socket closes). */
  ended: Promise<void>;
  close(): void;
}

/**
 * Opens a server-sent event stream the way a browser would, optionally from another loopback
 * address (127.0.0.2, …) so one test can be several clients.
 */
export function openEventStream(url: string, localAddress?: string): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const req = request(url, { localAddress, headers: { Accept: 'text/event-stream' } }, (res) => {
      const events: unknown[] = [];
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (data !== undefined) events.push(JSON.parse(data));
        }
      });
      const ended = new Promise<void>((done) => res.on('close', done));
      resolve({ status: res.statusCode ?? 0, headers: res.headers, events, ended, close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}
