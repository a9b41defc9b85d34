import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startConsoleProcess, type ConsoleProcess } from '../support/console-process';

export const SCREENSHOT_DIR = join(import.meta.dirname, '../../test-results/screenshots');

export const test = base.extend<{ console: ConsoleProcess }>({
  // Each test gets a console process of its own: fresh data folder, fresh token.
  // eslint-disable-next-line no-empty-pattern
  console: async ({}, use) => {
    const handle = await startConsoleProcess();
    await use(handle);
    await handle.stop();
  },
});

export { expect };

/** Calls the contract over HTTP the way the renderer does, for setting up state quickly. */
export async function rpc<T = unknown>(console: ConsoleProcess, channel: string, input: unknown): Promise<T> {
  const response = await fetch(`${console.origin}/rpc/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${console.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: boolean; data: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
  return result.data;
}

/** Opens the console with the operator profile already set (first run done). */
export async function openConsole(page: Page, console: ConsoleProcess, path = '/invites') {
  await rpc(console, 'settings.updateOperator', { displayName: 'Ada Lovelace', email: 'ada@example.com' });
  await page.goto(`${console.url}#${path}`);
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
