import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser } from '@playwright/test';
import config from '../../playwright.config';
import { rpc, startConsoleProcess } from '../support/console-process';
import { makeTempDir } from '../support/temp-dir';
import { deleteKeychainKey } from '../support/test-core';
import { percentile, summary } from './stats';

const RUNS = 10;

const RENDERER_DIR = join(import.meta.dirname, '../../out/renderer');

/**
 * The floor: a bare `node:http` process serving the built renderer as static files (no API, no
 * core), opened by the same Chromium until the bundle has run and painted. The console can do no
 * better than this; what it takes beyond it is ours.
 */
async function floorRun(browser: Browser): Promise<{ ready: number; painted: number }> {
  const script = `const { createServer } = require('node:http');
const { readFile } = require('node:fs/promises');
const { join, extname } = require('node:path');
const root = process.env.FLOOR_ROOT;
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
createServer(async (req, res) => {
  const path = req.url === '/' ? '/index.html' : req.url.split('?')[0];
  try {
    const body = await readFile(join(root, path));
    res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
  } catch { res.writeHead(404).end(); }
}).listen(0, '127.0.0.1', function () { console.log(this.address().port); });`;
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', script], {
    env: { ...process.env, FLOOR_ROOT: RENDERER_DIR },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
    const ready = performance.now() - started;
    const context = await browser.newContext();
    const page = await context.newPage();
    const navigationStarted = performance.now();
    await page.goto(`http://127.0.0.1:${chunk.toString().trim()}/`, { waitUntil: 'load' });
    const done = await page.evaluate(
      () =>
        new Promise<number>((resolve) =>
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
              resolve(Math.max(Number.isNaN(fcp) ? 0 : fcp, performance.now()));
            }),
          ),
        ),
    );
    await context.close();
    return { ready, painted: navigationStarted - started + done };
  } finally {
    child.kill();
  }
}

/** The bytes a cold start downloads before the first paint: the entry script and styles. */
function bundleBytes(): string {
  const html = readFileSync(join(RENDERER_DIR, 'index.html'), 'utf8');
  const entry = /src="\.\/assets\/(index-[\w-]+\.js)"/.exec(html)?.[1];
  const size = entry ? statSync(join(RENDERER_DIR, 'assets', entry)).size : NaN;
  return `${html.length} B HTML + ${size.toLocaleString()} B entry script`;
}

/**
 * Browser-console cold start: a fresh `host.js` process on an existing data folder (20 Pools)
 * until its URL is printed, then a fresh browser context until the Pools table has painted.
 */
export async function benchColdStart(): Promise<void> {
  const dir = makeTempDir('pooler-bench');
  const dataDir = dir.path;
  const env = { POOLER_KEYCHAIN_SERVICE: `pooler-bench-${process.pid}` };
  const seed = await startConsoleProcess({ dataDir, env });
  await rpc(seed, 'settings.updateOperator', { displayName: 'Bench', email: 'bench@example.com' });
  for (let i = 0; i < 20; i++) await rpc(seed, 'pools.create', { name: `Pool ${i}` });
  await seed.stop();

  const browser = await chromium.launch(config.use?.launchOptions);
  const ready: number[] = [];
  const firstPaint: number[] = [];
  const painted: number[] = [];
  const floorReady: number[] = [];
  const floorPainted: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const floor = await floorRun(browser);
      floorReady.push(floor.ready);
      floorPainted.push(floor.painted);
      const started = performance.now();
      const pooler = await startConsoleProcess({ dataDir, env });
      ready.push(performance.now() - started);
      const context = await browser.newContext();
      const page = await context.newPage();
      // The browser's own clock, so opening a context is not counted as the console's time.
      const navigationStarted = performance.now();
      await page.goto(`${pooler.url}#/pools`);
      await page.getByRole('row').filter({ hasText: 'Pool 19' }).waitFor();
      const timings = await page.evaluate(
        () =>
          new Promise<{ fcp: number; table: number }>((resolve) =>
            requestAnimationFrame(() =>
              requestAnimationFrame(() =>
                resolve({
                  fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
                  table: performance.now(),
                }),
              ),
            ),
          ),
      );
      firstPaint.push(navigationStarted - started + timings.fcp);
      painted.push(navigationStarted - started + timings.table);
      await context.close();
      await pooler.stop();
    }
  } finally {
    await browser.close();
    dir.remove();
    deleteKeychainKey(env.POOLER_KEYCHAIN_SERVICE);
  }
  const ratio = (percentile(painted, 50) / percentile(floorPainted, 50)).toFixed(2);
  console.log(`Browser console cold start (20 Pools; ${bundleBytes()}):`);
  console.log(`  process start → URL printed        ${summary(ready)}   floor (bare node:http) ${summary(floorReady)}`);
  console.log(`  process start → first paint         ${summary(firstPaint)}`);
  console.log(
    `  process start → Pools table painted ${summary(painted)}   floor (same bundle, static, run and painted) ${summary(floorPainted)}   ${ratio}× at p50`,
  );
}
