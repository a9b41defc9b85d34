import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import config from '../../playwright.config';
import { rpc, startConsoleProcess } from '../support/console-process';
import { makeTempDir } from '../support/temp-dir';
import { deleteKeychainKey } from '../support/test-core';
import { summary } from './stats';

const RUNS = 10;

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
  try {
    for (let run = 0; run < RUNS; run++) {
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
  console.log('Browser console cold start (20 Pools):');
  console.log(`  process start → URL printed        ${summary(ready)}`);
  console.log(`  process start → first paint         ${summary(firstPaint)}`);
  console.log(`  process start → Pools table painted ${summary(painted)}`);
}
