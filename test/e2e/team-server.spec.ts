import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { generateSync } from 'otplib';
import { teamConnectionStore } from '../../electron/core/team/team-sign-in';
import { createTeamDoor } from '../../electron/main/team-door';
import { BRIDGE_SCRIPT, startDesktopShell } from '../support/desktop-shell';
import { freePort } from '../support/free-port';
import { SERVE_ENTRY, serverEnv, startServer, stopServer } from '../support/serve-process';
import { startTestCore } from '../support/test-core';
import { expect, screenshot, test } from './fixtures';
import { InviteePage } from './pages/invitee-page';
import { InvitesPage } from './pages/invites-page';
import { PoolsPage } from './pages/pools-page';

// The team server (`npm run serve`) as its operators use it: enrolled through their links, signed
// in from their own browsers, each seeing what their role and Pools allow — and an invitee
// onboarding through a link one of them made, watched live by the other.

const PASSWORD = 'correct horse battery staple';

interface TeamServer {
  origin: string;
  /** `npm run serve -- operators …`; returns what it printed. */
  operators(...args: string[]): string;
  /** Stops the server (SIGTERM) and starts it again on the same port and data. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

const serverTest = test.extend<{ team: TeamServer }>({
  team: async ({ openai }, use) => {
    const cleanups: (() => unknown)[] = [];
    const port = await freePort();
    const { env } = serverEnv((fn) => void cleanups.push(fn), {
      POOLER_OPENAI_ISSUER: openai.issuer,
      POOLER_CHATGPT_BASE_URL: openai.chatgptBaseUrl,
      POOLER_SERVER_PORT: String(port),
      POOLER_ONBOARDING_PORT: String(await freePort()),
    });
    let server = await startServer(env, (fn) => void cleanups.push(fn));
    const origin = `http://127.0.0.1:${port}`;
    await use({
      origin,
      stop: () => stopServer(server.child),
      start: async () => {
        server = await startServer(env, (fn) => void cleanups.push(fn));
      },
      operators: (...args) => {
        const run = spawnSync(process.execPath, [SERVE_ENTRY, 'operators', ...args], {
          env: { ...env, POOLER_SERVER_URL: origin },
          encoding: 'utf8',
        });
        expect(run.status, run.stderr).toBe(0);
        return run.stdout;
      },
    });
    for (const fn of cleanups.reverse()) await fn();
  },
});

/** Opens the enrolment link in a browser of the operator's own; returns the recovery codes it showed. */
async function enrol(browser: Browser, link: string, shots?: string): Promise<string[]> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(link);
  await expect(page.getByRole('img', { name: 'QR code for the authenticator app' })).toBeVisible();
  if (shots) {
    await screenshot(page, `${shots}-enrol-light`);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, `${shots}-enrol-light-1920`);
  }
  const key = ((await page.getByLabel('Authenticator key').textContent()) ?? '').replace(/ /g, '');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Password again').fill(PASSWORD);
  await page.getByLabel('Code from the app').fill(generateSync({ secret: key }));
  await page.getByRole('button', { name: 'Finish enrolling' }).click();
  await expect(page.getByRole('heading', { name: 'You are enrolled' })).toBeVisible();
  if (shots) await screenshot(page, `${shots}-recovery-light`);
  const codes = await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allTextContents();
  await page.context().close();
  return codes;
}

/** Signs in from a fresh browser with a recovery code; resolves on the console's first page. */
async function signIn(
  browser: Browser,
  team: TeamServer,
  email: string,
  code: string,
  options: { colorScheme?: 'light' | 'dark'; shots?: string } = {},
): Promise<Page> {
  const context = await browser.newContext({ colorScheme: options.colorScheme ?? 'light' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await page.goto(team.origin);
  await expect(page).toHaveURL(`${team.origin}/sign-in`);
  if (options.shots) {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('not my password');
    await page.getByLabel('Authenticator code').fill('123456');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('The email, password or code is not right.');
    await screenshot(page, `${options.shots}-sign-in-error-${options.colorScheme ?? 'light'}`);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, `${options.shots}-sign-in-error-${options.colorScheme ?? 'light'}-1920`);
  }
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Authenticator code').fill(code);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  return page;
}

serverTest(
  'an owner and a Pool-scoped admin share one server: each sees what they may, and an invitee onboards',
  async ({ browser, team, openai }) => {
    const ownerLink = /(http:\/\/\S+\/enrol\/\S+)/.exec(
      team.operators('add', 'olga@example.com', '--role', 'owner'),
    )![1]!;
    const [ownerCode] = await enrol(browser, ownerLink, 'team-server');
    const owner = await signIn(browser, team, 'olga@example.com', ownerCode!, { shots: 'team-server' });

    await owner.goto(`${team.origin}/#/pools`);
    const pools = new PoolsPage(owner);
    await pools.createPool('Research');
    await expect(pools.row('Research')).toBeVisible();
    await pools.createPool('Growth');
    await expect(pools.row('Growth')).toBeVisible();

    const adminLink = /(http:\/\/\S+\/enrol\/\S+)/.exec(
      team.operators('add', 'ann@example.com', '--role', 'admin', '--pools', 'Research'),
    )![1]!;
    const [adminCode] = await enrol(browser, adminLink);
    const admin = await signIn(browser, team, 'ann@example.com', adminCode!, {
      colorScheme: 'dark',
      shots: 'team-server',
    });
    await admin.goto(`${team.origin}/#/pools`);
    const adminPools = new PoolsPage(admin);
    await expect(adminPools.row('Research')).toBeVisible();
    await expect(adminPools.row('Growth')).toHaveCount(0);
    await expect(adminPools.createButton).toHaveCount(0);
    await screenshot(admin, 'team-server-admin-pools-dark');

    await admin.goto(`${team.origin}/#/invites`);
    const adminInvites = new InvitesPage(admin);
    await expect(adminInvites.heading).toBeVisible();

    await owner.goto(`${team.origin}/#/invites`);
    const ownerInvites = new InvitesPage(owner);
    const result = await ownerInvites.createInvite('bob@example.com', 'Research');
    const url = await result.link();
    await result.copyAndClose();
    await ownerInvites.createInvite('gus@example.com', 'Growth').then((r) => r.copyAndClose());

    // The admin's screen: the owner's invite arrives live, named as theirs; the other Pool's never does.
    const row = adminInvites.row('bob@example.com');
    await expect(row.getByRole('cell', { name: 'olga', exact: true })).toHaveAttribute('title', 'olga@example.com');
    await expect(adminInvites.row('gus@example.com')).toHaveCount(0);

    const guest = await InviteePage.open(browser, url);
    await expect(guest.page.getByText('invited bob@example.com to join the Pool Research.')).toBeVisible();
    openai.approve(await guest.startApproval(), 'bob@example.com');
    await expect(guest.heading('Codex account connected')).toBeVisible({ timeout: 10_000 });
    await expect(row).toContainText('Accepted');
    await expect(ownerInvites.row('bob@example.com')).toContainText('Accepted');
    await screenshot(admin, 'team-server-admin-invites-dark');

    // A viewer reads everything and is offered nothing to change.
    const viewerLink = /(http:\/\/\S+\/enrol\/\S+)/.exec(
      team.operators('add', 'vic@example.com', '--role', 'viewer'),
    )![1]!;
    const [viewerCode] = await enrol(browser, viewerLink);
    const viewer = await signIn(browser, team, 'vic@example.com', viewerCode!);
    await viewer.goto(`${team.origin}/#/invites`);
    const viewerInvites = new InvitesPage(viewer);
    await expect(viewerInvites.row('gus@example.com')).toBeVisible();
    await expect(viewerInvites.createButton).toHaveCount(0);
    await expect(viewer.getByText('Press / to search.', { exact: false })).toBeVisible();
    await expect(viewer.getByText('Press N for a new invite', { exact: false })).toHaveCount(0);
    await expect(viewerInvites.actionsButton('gus@example.com')).toHaveCount(0);
    await screenshot(viewer, 'team-server-viewer-invites-light');
    await viewer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await expect(
      viewer.getByText('Email, invite links, account automation and alerts are set by this team server’s owners.'),
    ).toBeVisible();
    await expect(viewer.getByRole('region', { name: 'Email' })).toHaveCount(0);
    await screenshot(viewer, 'team-server-viewer-settings-light');

    await admin.getByRole('button', { name: 'Sign out' }).click();
    await expect(admin).toHaveURL(`${team.origin}/sign-in`);
    await admin.goto(`${team.origin}/#/invites`);
    // A redirect keeps the fragment: the sign-in page, wherever the tab was headed.
    await expect(admin).toHaveURL(`${team.origin}/sign-in#/invites`);
    await expect(admin.getByRole('heading', { name: 'Sign in to Pooler Console' })).toBeVisible();
  },
);

serverTest(
  'the desktop app connects to the team server from Settings, works there, shows it offline, and goes back to its own store',
  async ({ browser, team }) => {
    const [code] = await enrol(
      browser,
      /(http:\/\/\S+\/enrol\/\S+)/.exec(team.operators('add', 'olga@example.com', '--role', 'owner'))![1]!,
    );
    // The desktop app: its own core and keychain entry, its main process's door, its window.
    const local = await startTestCore();
    await local.call('settings.updateOperator', { displayName: 'Olga Desk', email: 'olga@example.com' });
    const door = createTeamDoor({ core: local.core, store: teamConnectionStore(local.keychainService) });
    const shell = await startDesktopShell(door, join(import.meta.dirname, '../../out/renderer'));
    const context = await browser.newContext({ colorScheme: 'dark', viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await context.addInitScript(BRIDGE_SCRIPT);
    const page = await context.newPage();
    try {
      await page.goto(`${shell.origin}/#/settings`);
      const section = page.getByRole('region', { name: 'Team server' });
      await expect(section.getByRole('button', { name: 'Connect' })).toBeDisabled();
      await section.getByLabel('Server address').fill('http://pooler.example.com');
      await expect(section.getByText('Use the https:// address of the team server')).toBeVisible();
      await screenshot(page, 'team-desktop-connect-error-dark');
      await section.getByLabel('Server address').fill(team.origin);
      await section.getByLabel('Email').fill('olga@example.com');
      await section.getByLabel('Password').fill(PASSWORD);
      await section.getByLabel('Authenticator code').fill(code!);
      await section.getByRole('button', { name: 'Connect' }).click();
      await expect(section).toContainText(`Connected to ${team.origin} as olga@example.com (owner).`);
      await screenshot(page, 'team-desktop-connected-dark');

      // The screens now show the server's store: a Pool made here lives there.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pools' }).click();
      const pools = new PoolsPage(page);
      await pools.createPool('Research');
      await expect(pools.row('Research')).toBeVisible();
      expect((await local.call('pools.list', {})).pools).toEqual([]);

      await team.stop();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invites' }).click();
      await expect(page.getByRole('alert').filter({ hasText: /^Offline since/ })).toBeVisible({ timeout: 15_000 });
      const invites = new InvitesPage(page);
      await (await invites.openCreateDialog()).create('bob@example.com');
      await expect(page.getByRole('dialog').getByText(/has not answered since/)).toBeVisible();
      await screenshot(page, 'team-desktop-offline-dark');
      await page.keyboard.press('Escape');

      await team.start();
      await expect(page.getByRole('alert').filter({ hasText: /^Offline since/ })).toHaveCount(0, { timeout: 20_000 });

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await section.getByRole('button', { name: 'Disconnect' }).click();
      await expect(section.getByRole('button', { name: 'Connect' })).toBeVisible();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pools' }).click();
      await expect(pools.row('Research')).toHaveCount(0);
    } finally {
      await context.close();
      await shell.close();
      door.close();
      await local.dispose();
    }
  },
);
