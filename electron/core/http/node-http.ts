import type * as Http from 'node:http';
import { createRequire } from 'node:module';

/**
 * `node:http`, loaded as CommonJS. Imported as an ES module, Node builds a facade of every
 * export, and reading node:http's lazy ones (WebSocket and friends) loads its bundled undici:
 * about 45 ms of every start, before the console can print its link. `node:https` is in
 * node-https.ts: the listeners that open before the link need none of TLS.
 */
export const nodeHttp = createRequire(import.meta.url)('node:http') as typeof Http;
