import { performance } from 'node:perf_hooks';
import { chromium, type Page } from '@playwright/test';
import config from '../../playwright.config';
import { startConsoleProcess } from '../support/console-process';
import { deleteKeychainKey } from '../support/test-core';
import { makeTempDir } from '../support/temp-dir';
import { seedInvites } from './seed-invites';
import { summary } from './stats';

/** Filter changes measured per kind: enough for a p95 that is not just the second-worst of a few. */
const CHANGES = 40;

/** In the page: when rows for a new filter set first appear, record ms since the last click, after paint. */
function installProbe() {
  const w = window as unknown as { __t0: number; __marks: { key: string; ms: number }[]; __lastKey: string | null };
  w.__marks = [];
  w.__lastKey = null;
  document.addEventListener('click', () => (w.__t0 = performance.now()), true);
  document.addEventListener('input', () => (w.__t0 = performance.now()), true);
  new MutationObserver(() => {
    const body = document.querySelector('tbody[data-rows-for]');
    const key = body?.getAttribute('data-rows-for') ?? null;
    if (!key || key === 'loading' || key === w.__lastKey || !body?.querySelector('tr[data-invite-id]')) return;
    w.__lastKey = key;
    const t0 = w.__t0;
    requestAnimationFrame(() => requestAnimationFrame(() => w.__marks.push({ key, ms: performance.now() - t0 })));
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-rows-for'] });
}

async function lastMark(page: Page, count: number): Promise<number> {
  await page.waitForFunction((n) => (window as unknown as { __marks: unknown[] }).__marks.length >= n, count);
  return page.evaluate(() => (window as unknown as { __marks: { ms: number }[] }).__marks.at(-1)!.ms);
}

/** The filter dropdowns are native selects: the choice is the `input` event the probe times from. */
async function choose(page: Page, combobox: string, option: string) {
  await page.getByRole('combobox', { name: combobox }).selectOption({ label: option });
}

/**
 * The Invites page in Chromium against the browser console, 100,000 invites: filter change to
 * painted rows, and how many rows the DOM holds while scrolling through 5,000.
 */
export async function benchInvitesUi(count: number): Promise<void> {
  const dir = makeTempDir('pooler-bench-ui');
  const env = { POOLER_KEYCHAIN_SERVICE: `pooler-bench-ui-${process.pid}` };
  await seedInvites(dir.path, count, env, Date.now());
  const pooler = await startConsoleProcess({ dataDir: dir.path, env });
  const browser = await chromium.launch(config.use?.launchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(installProbe);
    await page.goto(`${pooler.url}#/invites`);
    await page.locator('tbody tr[data-invite-id]').first().waitFor();
    let marks = 1;
    await lastMark(page, marks);

    const poolChanges: number[] = [];
    for (let i = 0; i < CHANGES; i++) {
      await choose(page, 'Pool', i % 2 === 0 ? `Pool ${String(i % 20).padStart(2, '0')}` : 'All Pools');
      poolChanges.push(await lastMark(page, ++marks));
    }
    const statusChanges: number[] = [];
    const statuses = ['Active', 'Expired', 'Accepted', 'Revoked', 'Any status'];
    for (let i = 0; i < CHANGES; i++) {
      await choose(page, 'Status', statuses[i % statuses.length]!);
      statusChanges.push(await lastMark(page, ++marks));
    }
    await choose(page, 'Status', 'Any status');
    const searches: number[] = [];
    for (let i = 0; i < 10; i++) {
      await page.getByLabel('Search by email').fill(i % 2 === 0 ? `company${i}.` : '');
      searches.push(await lastMark(page, ++marks));
    }

    // Scroll through 5,000 rows, sampling how many rows the table holds.
    await page
      .getByRole('button', { name: 'Clear filters' })
      .click()
      .catch(() => undefined);
    let maxRows = 0;
    const started = performance.now();
    const lastRendered = () =>
      page.evaluate(() => {
        const rendered = document.querySelectorAll('tbody tr[data-invite-id]');
        return Number(rendered[rendered.length - 1]?.getAttribute('data-index') ?? -1);
      });
    for (let top = 0; (await lastRendered()) < 5_000; top += 1_500) {
      // Keep asking for the position until the pages below have loaded far enough to reach it.
      await page.waitForFunction((y) => {
        const el = document.querySelector('[aria-label="Invites list"]')!;
        el.scrollTo(0, y);
        return el.scrollTop >= y - 1;
      }, top);
      maxRows = Math.max(maxRows, await page.locator('tbody tr').count());
    }
    const reached = await lastRendered();
    console.log(`\nInvites page in Chromium, ${count.toLocaleString()} invites:`);
    console.log(`  Pool filter change → rows painted    ${summary(poolChanges)}`);
    console.log(`  Status filter change → rows painted  ${summary(statusChanges)}`);
    console.log(
      `  search typed → rows painted          ${summary(searches)} (no typing pause: the search applies per keystroke)`,
    );
    console.log(
      `  scrolling through 5,000 rows: at most ${maxRows} table rows in the DOM; reached row ${reached + 1} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await browser.close();
    await pooler.stop();
    dir.remove();
    deleteKeychainKey(env.POOLER_KEYCHAIN_SERVICE);
  }
}
