import type * as Http from 'node:http';
import type * as Https from 'node:https';
import { createRequire } from 'node:module';

/**
 * `node:http` and `node:https`, loaded as CommonJS. Imported as ES modules, Node builds a facade
 * of every export, and reading node:http's lazy ones (WebSocket and friends) loads its bundled
 * undici: about 45 ms of every start, before the console can print its link.
 */
const load = createRequire(import.meta.url);
export const nodeHttp = load('node:http') as typeof Http;
export const nodeHttps = load('node:https') as typeof Https;
