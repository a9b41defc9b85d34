import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Opens a row's menu and picks an item. On a CPU-starved CI machine a click that lands while the
 * menu is still opening can be lost: the menu stays open and nothing runs (every item closes its
 * menu before it acts). So a menu still open well after the click — longer than any closing
 * transition — had its click lost, and the item is clicked once more.
 */
export async function pickFromRowMenu(page: Page, opener: Locator, item: string | RegExp): Promise<void> {
  await opener.click();
  const entry = page.getByRole('menuitem', { name: item });
  await entry.click();
  const menu = page.getByRole('menu');
  try {
    await expect(menu).toBeHidden({ timeout: 3_000 });
  } catch {
    await entry.click();
    await expect(menu).toBeHidden();
  }
}
