import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const OUT = join(import.meta.dirname, '../../../out/main');

/** The built files a start of `host.js` loads before anything asks for more: its static imports, all the way down (the build minifies whitespace away). */
function loadedAtStart(entry: string): Map<string, string> {
  const loaded = new Map<string, string>();
  const visit = (file: string) => {
    if (loaded.has(file)) return;
    const code = readFileSync(join(OUT, file), 'utf8');
    loaded.set(file, code);
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    for (const [, path] of code.matchAll(/\bimport\s*[^;"'`()]*?from\s*["'`]\.\/([^"'`]+)["'`]/g))
      visit(join(dir, path!));
  };
  visit(entry);
  return loaded;
}

describe('what a browser console start loads', () => {
  const files = loadedAtStart('host.js');
  // The core is loaded with import() once the link is printed: follow it too.
  const host = files.get('host.js')!;
  const startHost = /import\(["'`]\.\/(chunks\/start-host-[\w-]+\.js)["'`]\)/.exec(host)?.[1];
  for (const [file, code] of startHost ? loadedAtStart(startHost) : []) files.set(file, code);

  it('follows the start into the core (the test reads the build it is meant to)', () => {
    expect(startHost).toBeDefined();
    expect([...files.values()].some((code) => code.includes('function createCore('))).toBe(true);
  });

  it('bundles CommonJS modules (pino and its kind) with bodies V8 compiles with the file', () => {
    const bodies = [...files.values()].map((code) => code.split('__commonJSMin((function(').length - 1);
    expect(bodies.reduce((sum, count) => sum + count, 0)).toBeGreaterThan(20);
  });

  // The link is printed once the listener is open: what that takes is all of it that waits.
  it('opens the listener without loading TLS (node:https), which only the core uses', () => {
    const https = /["'`]node:https["'`]/;
    const beforeLink = [...loadedAtStart('host.js')].filter(([, code]) => https.test(code));
    expect(beforeLink.map(([file]) => file)).toEqual([]);
    expect([...files.values()].some((code) => https.test(code))).toBe(true);
  });

  it.each([
    // As ES modules, Node's own modules get facades whose lazy exports load more: node:http its
    // undici, node:crypto Web Crypto (see core/http/node-http.ts and scripts/builtin-imports.ts).
    ["Node's own modules as ES modules", /\bimport\s*[^;"'`()]*?from\s*["'`]node:/],
    // Imported as ES modules, Node reads and scans the native add-ons' CommonJS (core/db/sqlite-driver.ts).
    ['the native add-ons as ES modules', /\bimport\s*[^;"'`()]*?from\s*["'`](better-sqlite3|@napi-rs\/keyring)["'`]/],
    // Strings of each library's own, which survive the build's minifying.
    ['nodemailer (loaded when mail is sent)', /https:\/\/nodemailer\.com\//],
    ['the PostgreSQL driver (a server given a database URL)', /PGSSLMODE/],
    ['argon2 (a team server’s sign-ins)', /from\s*["'`]@node-rs\/argon2["'`]/],
    // The browser console answers on Node's own server (host/console-server.ts).
    ['Fastify', /FST_ERR_CTP_/],
    ['@fastify/static (the team server’s renderer)', /["'`]@fastify\/static["'`]/],
    // Fastify loads them only for route schemas, which no listener has (core/http/hardened-server.ts).
    ['ajv (Fastify’s route-schema compiler)', /schema with key or id/],
    ['light-my-request (Fastify’s inject, for tests)', /function isFormDataLike\(/],
    // The invite pages' app is built on the first invitee's request (core/onboarding/onboarding-server.ts).
    ['the invite pages’ app and its rate limiter', /Rate limit exceeded, retry in|function buildOnboardingApp\(/],
    // Compiled on their first call, they would miss Node's compile cache (scripts/eager-commonjs.ts).
    ['a bundled CommonJS module whose body is an arrow function', /__commonJSMin\(\(\(?[\w$,]*\)?=>/],
  ])('leaves out %s', (_what, pattern) => {
    const found = [...files].filter(([, code]) => pattern.test(code)).map(([file]) => file);
    expect(found).toEqual([]);
  });
});
