import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type Page } from '@playwright/test';
import { SECURITY_HEADERS } from '../../electron/host/console-listener';
import config from '../../playwright.config';
import { rpc, startConsoleProcess } from '../support/console-process';
import { makeTempDir } from '../support/temp-dir';
import { deleteKeychainKey } from '../support/test-core';
import { percentile, summary } from './stats';

const RUNS = 10;

const RENDERER_DIR = join(import.meta.dirname, '../../out/renderer');
const HOST_ENTRY = join(import.meta.dirname, '../../out/main/host.js');

/**
 * The floor: a bare `node:http` process serving the built renderer as static files (no API, no
 * core), opened by the same Chromium until the bundle has run and painted what it renders
 * without a session (how to sign in). The console can do no better than this; what it takes
 * beyond it is ours. `headers`: the floor also sends the console's own security headers, which
 * cost the browser something of their own (Cross-Origin-Opener-Policy puts the page in a new
 * browsing context group: a renderer process of its own, made at navigation).
 */
async function floorRun(
  browser: Browser,
  headers: Record<string, string> = {},
): Promise<{ ready: number; painted: number; scriptBytes: number; phases: Phases }> {
  const script = `const { createServer } = require('node:http');
const { readFile } = require('node:fs/promises');
const { join, extname } = require('node:path');
const root = process.env.FLOOR_ROOT;
const headers = JSON.parse(process.env.FLOOR_HEADERS);
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
createServer(async (req, res) => {
  const path = req.url === '/' ? '/index.html' : req.url.split('?')[0];
  try {
    const body = await readFile(join(root, path));
    res.writeHead(200, { ...headers, 'Content-Type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
  } catch { res.writeHead(404).end(); }
}).listen(0, '127.0.0.1', function () { console.log(this.address().port); });`;
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', script], {
    env: { ...process.env, FLOOR_ROOT: RENDERER_DIR, FLOOR_HEADERS: JSON.stringify(headers) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
    const ready = performance.now() - started;
    const context = await browser.newContext();
    await context.addInitScript(notePaintedAfter('rendered'));
    const page = await context.newPage();
    const navigationStarted = performance.now();
    await page.goto(`http://127.0.0.1:${chunk.toString().trim()}/`);
    const done = await paintedAt(page);
    const bytes = await scriptBytes(page);
    const phases = await phasesOf(page, done);
    await context.close();
    return { ready, painted: navigationStarted - started + done, scriptBytes: bytes, phases };
  } finally {
    child.kill();
  }
}

/**
 * Runs in the page before its own scripts: notes (in the page's clock) when the page has painted
 * after `what` appeared in the DOM — anything the bundle rendered, or the last Pool's row.
 * Measured in the page, the same way on both sides, so the harness's own round trips count on
 * neither. A string, so the runner's transpiler adds nothing the page lacks.
 */
function notePaintedAfter(what: 'rendered' | 'pool-19-row'): { content: string } {
  return {
    content: `window.__painted = new Promise((resolve) => {
  const there = ${JSON.stringify(what)} === 'rendered'
    ? () => document.querySelector('#root > *')
    : () => [...document.querySelectorAll('tr')].some((row) => row.textContent.includes('Pool 19'));
  const observer = new MutationObserver(() => {
    if (!there()) return;
    observer.disconnect();
    window.__rendered = performance.now();
    resolve();
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true });
}).then(() => new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(() => painted(performance.now())))));`,
  };
}

function paintedAt(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __painted: Promise<number> }).__painted);
}

/** The script the page fetched by then (bytes as served, uncompressed on both sides). */
function scriptBytes(page: Page): Promise<number> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((entry) => entry.name.endsWith('.js'))
      .reduce((sum, entry) => sum + (entry as PerformanceResourceTiming).encodedBodySize, 0),
  );
}

/** Where a page's time went, in its own clock: what the floor and the console do alike, side by side. */
interface Phases {
  document: number;
  libraries: number;
  rendered: number;
  painted: number;
}

function phasesOf(page: Page, painted: number): Promise<Phases> {
  return page.evaluate((painted) => {
    // Typed with Node's performance here; in the page it is the browser's.
    const navigation = (performance.getEntries() as unknown as { entryType: string; responseStart: number }[]).find(
      (entry) => entry.entryType === 'navigation',
    )!;
    const vendor = performance.getEntriesByType('resource').find((entry) => /\/vendor-[\w-]+\.js$/.test(entry.name)) as
      PerformanceResourceTiming | undefined;
    return {
      document: navigation.responseStart,
      libraries: vendor?.responseEnd ?? NaN,
      rendered: (window as unknown as { __rendered: number }).__rendered,
      painted,
    };
  }, painted);
}

/**
 * The console as an operator starts it: `node out/main/host.js`, until it prints its sign-in link
 * (the one the browser then opens).
 */
async function startHost(dataDir: string, env: NodeJS.ProcessEnv): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [HOST_ENTRY, '--port', '0'], {
    env: { ...process.env, ...env, POOLER_DATA_DIR: dataDir, POOLER_ONBOARDING_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const printed = /Pooler Console: (\S+)/.exec(output)?.[1];
      if (printed) resolve(printed);
    });
    child.once('exit', (code) => reject(new Error(`the console exited with ${code}: ${output}`)));
  });
  return {
    url,
    async stop() {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
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
  const headedFloorPainted: number[] = [];
  const phases: Phases[] = [];
  const floorPhases: Phases[] = [];
  const headedFloorPhases: Phases[] = [];
  let consoleScript = 0;
  let floorScript = 0;
  try {
    for (let run = 0; run < RUNS; run++) {
      const floor = await floorRun(browser);
      floorReady.push(floor.ready);
      floorPainted.push(floor.painted);
      floorScript = floor.scriptBytes;
      floorPhases.push(floor.phases);
      const headed = await floorRun(browser, SECURITY_HEADERS);
      headedFloorPainted.push(headed.painted);
      headedFloorPhases.push(headed.phases);
      const started = performance.now();
      const pooler = await startHost(dataDir, env);
      ready.push(performance.now() - started);
      const context = await browser.newContext();
      await context.addInitScript(notePaintedAfter('pool-19-row'));
      const page = await context.newPage();
      // The page's clock starts at navigation; opening a context counts on both sides alike.
      const navigationStarted = performance.now();
      await page.goto(`${pooler.url}#/pools`);
      const table = await paintedAt(page);
      // The entry is posted after the frame that painted it: waited for, not read at once.
      const fcp = await page.evaluate(
        () =>
          new Promise<number>((resolve) =>
            new PerformanceObserver((entries) => {
              const entry = entries.getEntriesByName('first-contentful-paint')[0];
              if (entry) resolve(entry.startTime);
            }).observe({ type: 'paint', buffered: true }),
          ),
      );
      firstPaint.push(navigationStarted - started + fcp);
      painted.push(navigationStarted - started + table);
      consoleScript = await scriptBytes(page);
      phases.push(await phasesOf(page, table));
      await context.close();
      await pooler.stop();
    }
  } finally {
    await browser.close();
    dir.remove();
    deleteKeychainKey(env.POOLER_KEYCHAIN_SERVICE);
  }
  const ratio = (floor: number[]) => (percentile(painted, 50) / percentile(floor, 50)).toFixed(2);
  const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString()} KiB`;
  console.log(
    `Browser console cold start (20 Pools; script fetched by then: ${kb(consoleScript)}, the floor's ${kb(floorScript)}):`,
  );
  console.log(`  process start → URL printed        ${summary(ready)}   floor (bare node:http) ${summary(floorReady)}`);
  console.log(`  process start → first paint         ${summary(firstPaint)}`);
  console.log(
    `  process start → Pools table painted ${summary(painted)}   floor (same bundle, static, run and painted) ${summary(floorPainted)}   ${ratio(floorPainted)}× at p50`,
  );
  console.log(
    `  the same floor sending the console's security headers          ${summary(headedFloorPainted)}   ${ratio(headedFloorPainted)}× at p50`,
  );
  // Not figures of the issue: where each side's page time went, for whoever closes the gap.
  const p50 = (all: Phases[], phase: keyof Phases) =>
    `${percentile(
      all.map((one) => one[phase]),
      50,
    ).toFixed(0)} ms`;
  const line = (phase: keyof Phases, label: string) =>
    `    ${label.padEnd(64)}p50 ${p50(phases, phase)}   floor p50 ${p50(floorPhases, phase)}   with the headers p50 ${p50(headedFloorPhases, phase)}`;
  console.log(`  in the page's own clock, from navigation:`);
  console.log(line('document', 'document answered (the host may be busy starting)'));
  console.log(line('libraries', 'libraries arrived'));
  console.log(line('rendered', `rendered (the last Pool's row; the floor: the sign-in notice)`));
  console.log(line('painted', 'painted'));
}
