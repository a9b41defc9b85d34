import { mkdirSync } from 'node:fs';
import { createRequire, enableCompileCache } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { DEFAULT_TIMEOUTS } from '../core/http/hardened-server';
import { openConsoleListener } from './console-listener';
import { failToStart } from './fail-to-start';

const DEFAULT_PORT = 7410;

/**
 * Node's own modules the core and its libraries load (listed from a start; a test checks the
 * list): loaded before the core is compiled, so they keep the code Node ships compiled for them.
 */
const CORE_BUILTINS = ['assert', 'perf_hooks', 'readline', 'readline/promises', 'timers/promises', 'worker_threads'];

function portFromArgs(): number {
  const { values } = parseArgs({ options: { port: { type: 'string' } }, strict: true });
  if (values.port === undefined) return DEFAULT_PORT;
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    failToStart(`--port must be a number from 0 to 65535, got "${values.port}".`);
  return port;
}

/** The user's own cache folder (never a shared temp folder, where another user could plant code). */
function userCacheDir(): string {
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches');
  if (process.platform === 'win32') return process.env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local');
  return process.env.XDG_CACHE_HOME?.trim() || join(homedir(), '.cache');
}

/**
 * The browser console's entry, kept to Node's own modules: the listener opens and its sign-in
 * link is printed before the core's modules load (most of a start), so the browser opens the page
 * while they do. Node's compile cache goes on first: a start after the first reads their compiled
 * code instead of compiling it again. Without a cache folder the console starts the same, slower.
 */
try {
  const dir = join(userCacheDir(), 'pooler-console', 'compile-cache');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  enableCompileCache(dir);
} catch {
  // A read-only home, say: nothing to speed up.
}

const port = portFromArgs();
const rendererDir = join(import.meta.dirname, '../renderer');
let listener;
try {
  listener = await openConsoleListener({ port, timeouts: DEFAULT_TIMEOUTS, rendererDir });
} catch (err) {
  if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    failToStart(
      `port ${port} is already in use (is another console running?). Pass --port N, or --port 0 for any free port.`,
    );
  }
  throw err;
}
console.log(`Pooler Console: ${listener.newLink()}`);
// V8 compiles a function on its first call, and Node's compile cache holds only what was compiled
// with the file: each start compiled again most of the core's functions as it ran them. Compiled
// with lazy compilation off (as bytenode does), the core is cached whole and a start reads it all
// instead: about 20-40 ms less of a start's CPU, for a first start (a new version, an empty
// cache) about 0.1 s slower and a cache of about 3 MB instead of 1. Only the core is compiled so,
// and Node's own modules it uses are loaded first: compiled under another flag, they would not
// match the code Node ships compiled for them, and would be compiled from source.
const load = createRequire(import.meta.url);
for (const name of CORE_BUILTINS) load(`node:${name}`);
setFlagsFromString('--no-lazy');
const { startHost } = await import('./start-host');
setFlagsFromString('--lazy');
await startHost(rendererDir, listener);
