import type { Locator, Page } from '@playwright/test';
import { pickFromRowMenu } from './row-menu';

/** The Pools page: its table, each Pool's menu, and the name dialog. */
export class PoolsPage {
  readonly heading: Locator;
  readonly createButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Pools' });
    this.createButton = page.getByRole('button', { name: 'Create Pool' });
  }

  row(name: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByText(name, { exact: true }) });
  }

  actionsButton(name: string): Locator {
    return this.page.getByRole('button', { name: `Actions for ${name}` });
  }

  async chooseAction(name: string, item: string) {
    await pickFromRowMenu(this.page, this.actionsButton(name), item);
  }

  /** The create or rename dialog, by its title. */
  nameDialog(title: 'Create Pool' | 'Rename Pool') {
    const root = this.page.getByRole('dialog', { name: title });
    return {
      root,
      name: root.getByLabel('Pool name'),
      submit: root.getByRole('button', { name: title === 'Create Pool' ? 'Create Pool' : 'Rename' }),
      cancel: root.getByRole('button', { name: 'Cancel' }),
    };
  }

  async createPool(name: string) {
    await this.createButton.click();
    const dialog = this.nameDialog('Create Pool');
    await dialog.name.fill(name);
    await dialog.submit.click();
  }

  archiveDialog(name: string): Locator {
    return this.page.getByRole('dialog', { name: `Archive the Pool ${name}?` });
  }
}
