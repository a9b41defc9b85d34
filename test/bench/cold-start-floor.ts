import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from '@playwright/test';
import { notePaintedAfter, paintedAt, phasesOf, scriptBytes, type Phases } from './cold-start-page';

const RENDERER_DIR = join(import.meta.dirname, '../../out/renderer');

/** What the console answered a request of the page's, kept to be sent again byte for byte. */
export interface RecordedAnswer {
  status: number;
  headers: Record<string, string>;
  /** Null for the event stream: its headers are sent and it is left open, as the console's is. */
  body: string | null;
}

/** Set by the transport, not by the console: sent again, they would contradict the replayed body. */
const TRANSPORT_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date']);

/**
 * Keeps the console's answers to the page's sign-in (`/session`), reads (`/rpc`, `/rpc/…`) and event
 * stream (`/events`), by path, while a page loads against the console: the bare server then
 * answers the same requests with the same bytes, and none of our code runs to make them.
 */
export function recordAnswers(page: Page) {
  const answers: Record<string, RecordedAnswer> = {};
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (path !== '/session' && path !== '/events' && path !== '/rpc' && !path.startsWith('/rpc/')) return;
    pending.push(
      (async () => {
        const headers = Object.fromEntries(
          Object.entries(await response.allHeaders()).filter(([name]) => !TRANSPORT_HEADERS.has(name)),
        );
        const body = path === '/events' ? null : await response.text();
        answers[path] = { status: response.status(), headers, body };
      })(),
    );
  });
  return async () => {
    await Promise.all(pending);
    return answers;
  };
}

/**
 * The floor: a bare `node:http` process serving the built renderer as static files (no core),
 * opened by the same Chromium until the bundle has run and painted. The console can do no better
 * than this; what it takes beyond it is ours.
 * - Without `answers` the page has no session and paints how to sign in: the bundle's own cost.
 * - `headers`: the console's own security headers too, which cost the browser something of their
 *   own (Cross-Origin-Opener-Policy puts the page in a new browsing context group: a renderer
 *   process of its own, made at navigation).
 * - `answers` (from `recordAnswers`): the page opens as the console's printed link opens it, signs
 *   in, reads and paints the same Pools table, each request answered at once with the console's
 *   bytes. Beyond this floor is only what our host adds (starting, and making its answers).
 */
export async function floorRun(
  browser: Browser,
  options: { headers?: Record<string, string>; answers?: Record<string, RecordedAnswer> } = {},
): Promise<{ ready: number; opening: number; painted: number; scriptBytes: number; phases: Phases }> {
  const script = `const { createServer } = require('node:http');
const { readFile } = require('node:fs/promises');
const { join, extname } = require('node:path');
const root = process.env.FLOOR_ROOT;
const headers = JSON.parse(process.env.FLOOR_HEADERS);
const answers = JSON.parse(process.env.FLOOR_ANSWERS);
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
createServer(async (req, res) => {
  const path = req.url.split('?')[0];
  const answer = answers[path];
  if (answer) {
    req.resume();
    res.writeHead(answer.status, answer.headers);
    if (answer.body !== null) res.end(answer.body);
    return;
  }
  const file = path === '/' ? '/index.html' : path;
  try {
    const body = await readFile(join(root, file));
    res.writeHead(200, { ...headers, 'Content-Type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch { res.writeHead(404).end(); }
}).listen(0, '127.0.0.1', function () { console.log(this.address().port); });`;
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', script], {
    env: {
      ...process.env,
      FLOOR_ROOT: RENDERER_DIR,
      FLOOR_HEADERS: JSON.stringify(options.headers ?? {}),
      FLOOR_ANSWERS: JSON.stringify(options.answers ?? {}),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
    const ready = performance.now() - started;
    const context = await browser.newContext();
    await context.addInitScript(notePaintedAfter(options.answers ? 'pool-19-row' : 'rendered'));
    const page = await context.newPage();
    const navigationStarted = performance.now();
    const port = chunk.toString().trim();
    await page.goto(options.answers ? `http://127.0.0.1:${port}/?token=floor#/pools` : `http://127.0.0.1:${port}/`);
    const done = await paintedAt(page);
    const bytes = await scriptBytes(page);
    const phases = await phasesOf(page, done);
    await context.close();
    return {
      ready,
      opening: navigationStarted - started - ready,
      painted: navigationStarted - started + done,
      scriptBytes: bytes,
      phases,
    };
  } finally {
    child.kill();
  }
}
