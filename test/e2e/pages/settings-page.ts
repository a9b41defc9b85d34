import type { Locator, Page } from '@playwright/test';

/** Settings: one region per section. */
export class SettingsPage {
  readonly heading: Locator;
  readonly operator: Locator;
  readonly email: Locator;
  readonly appearance: Locator;
  readonly inviteLinks: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Settings' });
    this.operator = page.getByRole('region', { name: 'Operator profile' });
    this.email = page.getByRole('region', { name: 'Email' });
    this.appearance = page.getByRole('region', { name: 'Appearance' });
    this.inviteLinks = page.getByRole('region', { name: 'Invite links' });
  }

  themeButton(theme: 'System' | 'Light' | 'Dark'): Locator {
    return this.page.getByRole('button', { name: `${theme} theme` });
  }
}
