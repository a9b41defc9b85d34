import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

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
 * address (127.0.0.2, …) so one test can be several clients; over HTTPS trusting `ca`, with
 * the client's own headers (a session).
 */
export function openEventStream(
  url: string,
  from: { localAddress?: string; ca?: string; headers?: Record<string, string> } = {},
): Promise<OpenStream> {
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  const options = {
    localAddress: from.localAddress,
    ca: from.ca,
    headers: { Accept: 'text/event-stream', ...from.headers },
  };
  return new Promise((resolve, reject) => {
    const req = request(url, options, (res) => {
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
