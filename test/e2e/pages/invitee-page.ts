import { expect, type Browser, type Locator, type Page } from '@playwright/test';

export const USER_CODE = /^[A-Z0-9]{4}-[A-Z0-9]{5}$/;

/** The invite link as the invitee sees it, in a browser of their own (a separate context). */
export class InviteePage {
  readonly deviceCode: Locator;

  private constructor(readonly page: Page) {
    this.deviceCode = page.getByLabel('Device code');
  }

  static async open(
    browser: Browser,
    url: string,
    options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {},
  ): Promise<InviteePage> {
    const context = await browser.newContext(options);
    const invitee = new InviteePage(await context.newPage());
    await invitee.page.goto(url);
    return invitee;
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { name });
  }

  /** Presses Start (or Try again) and waits for the user code the console asked OpenAI for. */
  async startApproval(): Promise<string> {
    await this.page.getByRole('button', { name: /^(Start device approval|Try device approval again)$/ }).click();
    await expect(this.deviceCode).toHaveText(USER_CODE);
    return (await this.deviceCode.textContent()) ?? '';
  }

  async close() {
    await this.page.context().close();
  }
}
