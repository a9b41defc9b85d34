import type * as Https from 'node:https';
import { createRequire } from 'node:module';

/**
 * `node:https`, loaded as CommonJS (see node-http.ts for why), apart from `node:http`: it loads
 * TLS (about 5-9 ms), which the listeners that open before the console prints its link never use.
 */
export const nodeHttps = createRequire(import.meta.url)('node:https') as typeof Https;
