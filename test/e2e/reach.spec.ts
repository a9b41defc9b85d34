import { standInPath, standIns } from '../support/tunnel-stand-ins';
import { expect, rpc, screenshot, seedPool, smtpSettings, test as base } from './fixtures';

/** Stand-in tunnel programs on the console's PATH (plain TCP, no certificate). */
const test = base.extend({ consoleEnv: async ({}, use) => use(standInPath()) });

const WIDTHS = [1280, 1920] as const;

test('switching how invitees reach the console changes the create dialog’s line; an old link is flagged and Reissue fixes it', async ({
  page,
  app,
  pooler,
  smtp,
}) => {
  test.setTimeout(120_000);
  const research = await seedPool(pooler, 'Research');
  await rpc(pooler, 'smtp.update', smtpSettings(smtp.port));
  await rpc(pooler, 'invites.create', { poolId: research, email: 'bob@example.com', expiry: '24h', sendEmail: false });

  const settings = await app.open('/settings');
  const reach = settings.reach;
  await expect(reach.getByRole('status', { name: 'Invite link reach' })).toContainText(
    'Only this computer can open this link.',
  );
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `reach-local-${width}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // Local network: the machine's addresses with their interfaces, or a plain warning if it has none.
  await reach.getByRole('radio', { name: 'Local network' }).check();
  await expect(
    reach.getByLabel('Address invitees use').or(reach.getByText(/no network address other than 127\.0\.0\.1/)),
  ).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `reach-network-1280-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // Tunnel: the stand-ins are found with their versions; cloudflared comes up at its banner address.
  await reach.getByRole('radio', { name: 'Tunnel' }).check();
  await expect(reach.getByText('v2026.8.2')).toBeVisible();
  await expect(reach.getByText('v3.19.1')).toBeVisible();
  await reach.getByRole('radio', { name: 'cloudflared' }).check();
  await reach.getByRole('button', { name: 'Start tunnel and save' }).click();
  await expect(reach.getByRole('status', { name: 'Tunnel' })).toHaveText(
    'cloudflared is up at https://lovely-example-words-here.trycloudflare.com.',
  );
  // This machine reaches no internet: the check says so rather than claiming the link works.
  await expect(reach.getByRole('status', { name: 'Invite link reach' })).toContainText(
    'Links may not open: a check of lovely-example-words-here.trycloudflare.com from this computer failed',
  );
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `reach-tunnel-failed-check-1280-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // Reverse proxy: a custom https URL; a bad one is refused inline and nothing changes.
  await reach.getByRole('radio', { name: 'Reverse proxy / custom URL' }).check();
  const publicUrl = reach.getByLabel('Public URL of invite links');
  await publicUrl.fill('ftp://invites.example.com');
  await expect(reach.getByText('Public URL must be an http(s) address')).toBeVisible();
  await publicUrl.fill(`http://localhost:${pooler.onboardingPort}`);
  await reach.getByRole('button', { name: 'Save and restart listener' }).click();
  await expect(reach.getByRole('status', { name: 'Invite link reach' })).toContainText(
    'Only this computer can open this link.',
  );
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `reach-proxy-1280-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // The create dialog says who can open a link made now.
  const invites = await app.goTo('/invites');
  await invites.createButton.click();
  const dialog = page.getByRole('dialog', { name: 'Create Pool invite' });
  await expect(dialog.getByRole('note', { name: 'Who can open this link' })).toHaveText(
    'Only this computer can open this link.',
  );
  await page.keyboard.press('Escape');

  // bob's link still points at 127.0.0.1: flagged in the row and the drawer; Reissue fixes it.
  const row = invites.row('bob@example.com');
  await expect(invites.resultLine('bob@example.com', 'Link at an old address')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      const cut = await invites
        .resultCell('bob@example.com')
        .evaluate((cell) =>
          [...cell.querySelectorAll('span')].filter((s) => s.scrollWidth > s.clientWidth).map((s) => s.textContent),
        );
      expect(cut, `${scheme} ${width}px`).toEqual([]);
      await screenshot(page, `invites-old-address-${width}-${scheme}`);
    }
  }
  await row.click();
  const flag = invites.details.getByRole('alert').filter({ hasText: 'no longer serves' });
  await expect(flag).toBeVisible();
  await screenshot(page, 'invite-details-old-address-dark');
  await flag.getByRole('button', { name: 'Reissue' }).click();
  const result = page.getByRole('dialog', { name: 'Share this link before closing — it is shown once' });
  await expect(result.getByLabel('Invite URL')).toContainText(
    `http://localhost:${pooler.onboardingPort}/onboarding/invites/`,
  );
  await expect(result).toContainText('The link opens only while Pooler Console runs.');
  await result.getByRole('button', { name: 'Copy' }).click();
  await result.getByRole('button', { name: 'Done' }).click();
  await expect(invites.resultLine('bob@example.com', 'Link at an old address')).toHaveCount(0);
});

/** The stand-ins serve TLS on 127.0.0.2 with a certificate the console (only) is told to trust. */
const withTls = base.extend({
  consoleEnv: async ({}, use) => {
    const stand = await standIns();
    const env = stand.env();
    await use({ ...env, PATH: `${env.PATH}:${process.env.PATH}`, NODE_EXTRA_CA_CERTS: env.STANDIN_TLS_CERT });
    stand.remove();
  },
});

withTls(
  'a tunnel that is up and answers as this console reads Reachable, in Settings and the create dialog',
  async ({ page, app, pooler }) => {
    await seedPool(pooler, 'Research');
    const settings = await app.open('/settings');
    const reach = settings.reach;
    await reach.getByRole('radio', { name: 'Tunnel' }).check();
    await reach.getByRole('radio', { name: 'ngrok' }).check();
    await reach.getByRole('button', { name: 'Start tunnel and save' }).click();
    const status = reach.getByRole('status', { name: 'Invite link reach' });
    await expect(status).toContainText(
      /Anyone with the link should be able to open it: a check from this computer reached this console at 127\.0\.0\.2:\d+ in \d+ ms\./,
    );
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await screenshot(page, `reach-tunnel-reachable-${width}-${scheme}`);
      }
    }
    const invites = await app.goTo('/invites');
    await invites.createButton.click();
    const note = page
      .getByRole('dialog', { name: 'Create Pool invite' })
      .getByRole('note', { name: 'Who can open this link' });
    await expect(note).toContainText('a check from this computer reached this console');
    await screenshot(page, 'create-invite-reachable-dark');
  },
);
