import type { Locator, Page } from '@playwright/test';
import { pickFromRowMenu } from './row-menu';

/** The Upstreams page: one row per onboarded account, its menu, and the import dialog. */
export class UpstreamsPage {
  readonly heading: Locator;
  readonly importButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Upstreams' });
    this.importButton = page.getByRole('button', { name: 'Import auth.json' });
  }

  row(email: string): Locator {
    return this.page.getByRole('row', { name: `Account ${email}` });
  }

  async chooseAction(email: string, item: string | RegExp) {
    await pickFromRowMenu(this.page, this.row(email).getByRole('button', { name: `Actions for ${email}` }), item);
  }

  /** Opens the import dialog and picks `file`. */
  async importFile(file: string) {
    await this.importButton.click();
    const dialog = this.page.getByRole('dialog', { name: 'Import auth.json' });
    await dialog.getByLabel('auth.json file').setInputFiles(file);
    return { root: dialog, submit: dialog.getByRole('button', { name: 'Import' }) };
  }
}
