import type { Page } from '@playwright/test';

/**
 * Runs in the page before its own scripts: notes (in the page's clock) when the page has painted
 * after `what` appeared in the DOM — anything the bundle rendered, or the last Pool's row.
 * Measured in the page, the same way on both sides, so the harness's own round trips count on
 * neither. A string, so the runner's transpiler adds nothing the page lacks.
 */
export function notePaintedAfter(what: 'rendered' | 'pool-19-row'): { content: string } {
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

export function paintedAt(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __painted: Promise<number> }).__painted);
}

/** The script the page fetched by then (bytes as served, uncompressed on both sides). */
export function scriptBytes(page: Page): Promise<number> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((entry) => entry.name.endsWith('.js'))
      .reduce((sum, entry) => sum + (entry as PerformanceResourceTiming).encodedBodySize, 0),
  );
}

/** Where a page's time went, in its own clock: what the floor and the console do alike, side by side. */
export interface Phases {
  document: number;
  libraries: number;
  rendered: number;
  painted: number;
}

export function phasesOf(page: Page, painted: number): Promise<Phases> {
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
