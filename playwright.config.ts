import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's Chromium where it exists (CI and these machines); elsewhere Playwright's own browser
// (`npx playwright install chromium`). POOLER_CHROMIUM points at any other build.
const executablePath =
  process.env.POOLER_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/playwright',
  // Whole-test budget for the long flows (a Pool's whole life, five full-page screenshots);
  // each step still has its own limit below.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  // One test at a time: on a 2-core machine two workers (each a Chromium, a console and often a
  // fake server) starved each other's pages for seconds, which showed up as timeouts.
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1360, height: 860 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
