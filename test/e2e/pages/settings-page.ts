import type { Locator, Page } from '@playwright/test';

/** Settings: one region per section. */
export class SettingsPage {
  readonly heading: Locator;
  readonly operator: Locator;
  readonly email: Locator;
  readonly appearance: Locator;
  readonly reach: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Settings' });
    this.operator = page.getByRole('region', { name: 'Operator profile' });
    this.email = page.getByRole('region', { name: 'Email' });
    this.appearance = page.getByRole('region', { name: 'Appearance' });
    this.reach = page.getByRole('region', { name: 'How invitees reach this console' });
  }

  themeButton(theme: 'System' | 'Light' | 'Dark'): Locator {
    return this.page.getByRole('button', { name: `${theme} theme` });
  }
}
