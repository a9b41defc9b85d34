import type { Locator, Page } from '@playwright/test';

/** The audit log: newest first, filterable, paged. */
export class AuditPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly loadOlder: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Audit log' });
    this.table = page.getByRole('table', { name: 'Audit log' });
    // The first row is the header.
    this.rows = this.table.getByRole('row').filter({ hasNot: page.getByRole('columnheader') });
    this.loadOlder = page.getByRole('button', { name: 'Load older events' });
  }

  async filterByAction(label: string) {
    await this.page.getByLabel('Action').click();
    await this.page.getByRole('option', { name: label }).click();
  }
}
