import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { rpc, startConsoleProcess, type ConsoleProcess } from '../support/console-process';

export const SCREENSHOT_DIR = join(import.meta.dirname, '../../test-results/screenshots');

export const test = base.extend<{ pooler: ConsoleProcess }>({
  // Each test gets a pooler process of its own: fresh data folder, fresh token.
  // eslint-disable-next-line no-empty-pattern
  pooler: async ({}, use) => {
    const handle = await startConsoleProcess();
    await use(handle);
    await handle.stop();
  },
});

export { expect, rpc };

/** An operator, a Pool, and `count` invites created through the contract; returns the Pool id. */
export async function seedInvites(pooler: ConsoleProcess, count: number, poolName = 'Research'): Promise<string> {
  await rpc(pooler, 'settings.updateOperator', { displayName: 'Ada Lovelace', email: 'ada@example.com' });
  const pool = await rpc<{ id: string }>(pooler, 'pools.create', { name: poolName });
  for (let i = 0; i < count; i++) {
    await rpc(pooler, 'invites.create', {
      poolId: pool.id,
      email: `person${i}@example.com`,
      expiry: '24h',
      sendEmail: false,
    });
  }
  return pool.id;
}

/** Opens the console with the operator profile already set (first run done). */
export async function openConsole(page: Page, pooler: ConsoleProcess, path = '/invites') {
  await rpc(pooler, 'settings.updateOperator', { displayName: 'Ada Lovelace', email: 'ada@example.com' });
  await page.goto(`${pooler.url}#${path}`);
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Transitions finish instantly, so a dialog is captured as the operator sees it, not mid-fade.
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
}
