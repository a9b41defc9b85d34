import type * as Https from 'node:https';
import { createRequire } from 'node:module';

let loaded: typeof Https | undefined;

/**
 * `node:https`, loaded as CommonJS (see node-http.ts for why) on first use: it loads TLS (about
 * 5-9 ms of CPU), which a start of the browser console needs for nothing it does before its
 * page is open — only for calls to OpenAI, a team server or a reach check.
 */
export function nodeHttps(): typeof Https {
  return (loaded ??= createRequire(import.meta.url)('node:https') as typeof Https);
}
