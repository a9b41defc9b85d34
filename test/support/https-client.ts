import { request } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';

export interface HttpsAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json<T = unknown>(): T;
}

/**
 * One request to a server whose certificate only `ca` vouches for (a test CA), as a client that
 * trusts that CA would make it, on a connection of its own. `json` sends a JSON body; `form` a urlencoded one, like a browser's form.
 */
export function httpsRequest(
  url: string,
  options: {
    /** Without it, only the system's CAs are trusted. */
    ca?: string;
    method?: string;
    headers?: Record<string, string>;
    json?: unknown;
    form?: Record<string, string>;
  },
): Promise<HttpsAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = 'application/json';
  } else if (options.form) {
    body = new URLSearchParams(options.form).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  return new Promise((resolve, reject) => {
    // A connection of its own each time (no keep-alive agent): a reused socket that the server
    // closes after its idle timeout, just as the next request is written, fails as a hang-up.
    const req = request(url, { ca: options.ca, method: options.method ?? 'GET', headers, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as never }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}
