import { expect, inviteLink, screenshot, test } from './fixtures';
import { InviteePage } from './pages/invitee-page';

const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the Ready page explains both ways in, and the paste box takes the address (${colorScheme})`, async ({
    browser,
    pooler,
    openai,
  }) => {
    const url = await inviteLink(pooler, 'bob@example.com');
    for (const [name, viewport] of Object.entries(WIDTHS)) {
      const guest = await InviteePage.open(browser, url, { colorScheme, viewport });
      const ways = guest.page.getByRole('list').filter({ hasText: 'Approve with a code' });
      await expect(ways.getByRole('listitem')).toHaveText([/^Approve with a code/, /^Sign in in your browser/]);
      await screenshot(guest.page, `onboarding-ready-ways-${colorScheme}-${name}`);
      await guest.page.getByRole('button', { name: 'Sign in in your browser' }).click();
      await expect(guest.page.getByLabel('Address of the page you landed on')).toBeVisible();
      // Nothing on the page can overflow a phone's width.
      const overflow = await guest.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      expect(overflow).toBe(false);
      await screenshot(guest.page, `onboarding-paste-${colorScheme}-${name}`);
      await guest.close();
    }

    // Back to the code and then the whole way through, on a phone.
    const guest = await InviteePage.open(browser, url, { colorScheme, viewport: WIDTHS.phone });
    await guest.page.getByRole('button', { name: 'Sign in in your browser' }).click();
    await guest.page.getByRole('button', { name: 'Use a code instead' }).click();
    await expect(guest.page.getByRole('button', { name: 'Start device approval' })).toBeVisible();
    await guest.page.getByRole('button', { name: 'Sign in in your browser' }).click();
    const href = await guest.page.getByRole('link', { name: 'Open the OpenAI sign-in page' }).getAttribute('href');
    await guest.page
      .getByLabel('Address of the page you landed on')
      .fill(await openai.signInBrowser(href ?? '', 'bob@example.com'));
    await guest.page.getByRole('button', { name: 'Finish connecting' }).click();
    await expect(guest.heading('Codex account connected')).toBeVisible();
    await expect(guest.page.getByText('Connected: bob@example.com, Plus; 5-hour window 73 % left.')).toBeVisible();
    await screenshot(guest.page, `onboarding-receipt-${colorScheme}-phone`);
    await guest.close();
  });
}
