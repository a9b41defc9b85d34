import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai/fake-openai-server';
import { rpc, startConsoleProcess, type ConsoleProcess } from '../support/console-process';
import { smtpSettings } from '../support/smtp-settings';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-test-server';
import { ConsoleApp, OPERATOR } from './pages/console-app';

const SCREENSHOT_DIR = join(import.meta.dirname, '../../test-results/screenshots');

/** The login the `smtp` fixture's server accepts. */
export const SMTP_LOGIN = { user: 'mailer', pass: 'smtp-secret-pass' };

interface Fixtures {
  /** The fake OpenAI (auth server and usage endpoint) every console in a test talks to. */
  openai: FakeOpenAI;
  /** A real SMTP server with STARTTLS that wants SMTP_LOGIN; started only by the tests that ask for it. */
  smtp: TestSmtpServer;
  /** A console process of the test's own: fresh data folder, keychain entry and token. */
  pooler: ConsoleProcess;
  /** The operator's console in the test's page. */
  app: ConsoleApp;
  /** More environment for the test's console (a PATH with stand-in tunnel programs, say). */
  consoleEnv: NodeJS.ProcessEnv;
}

export const test = base.extend<Fixtures>({
  openai: async ({}, use) => {
    const fake = await startFakeOpenAI({ switches: { interval: '1' } });
    await use(fake);
    await fake.close();
  },
  smtp: async ({}, use) => {
    const server = await startSmtpServer({ mode: 'starttls', auth: SMTP_LOGIN });
    await use(server);
    await server.close();
  },
  consoleEnv: [{}, { option: true }],
  pooler: async ({ openai, consoleEnv }, use) => {
    const handle = await startConsoleProcess({
      env: { POOLER_OPENAI_ISSUER: openai.issuer, POOLER_CHATGPT_BASE_URL: openai.chatgptBaseUrl, ...consoleEnv },
    });
    await use(handle);
    await handle.stop();
  },
  app: async ({ page, pooler }, use) => {
    await use(new ConsoleApp(page, pooler));
  },
});

export { expect, rpc, smtpSettings };

/** The operator and a Pool, set up through the contract; returns the Pool's id. */
export async function seedPool(pooler: ConsoleProcess, name = 'Research'): Promise<string> {
  await rpc(pooler, 'settings.updateOperator', OPERATOR);
  const existing = (await rpc(pooler, 'pools.list', {})).pools.find((p) => p.name === name);
  return existing?.id ?? (await rpc(pooler, 'pools.create', { name })).id;
}

/** A Pool and `count` invites created through the contract; returns the Pool's id. */
export async function seedInvites(pooler: ConsoleProcess, count: number, poolName = 'Research'): Promise<string> {
  const poolId = await seedPool(pooler, poolName);
  for (let i = 0; i < count; i++) {
    await rpc(pooler, 'invites.create', { poolId, email: `person${i}@example.com`, expiry: '24h', sendEmail: false });
  }
  return poolId;
}

/** An invite's one-time link, for the invitee's side of a test. */
export async function inviteLink(pooler: ConsoleProcess, email: string, poolName = 'Research'): Promise<string> {
  const poolId = await seedPool(pooler, poolName);
  return (await rpc(pooler, 'invites.create', { poolId, email, expiry: '24h', sendEmail: false })).url;
}

/** The id of the invite for `email` (there is one in these tests). */
export async function inviteId(pooler: ConsoleProcess, email: string): Promise<string> {
  const found = (await rpc(pooler, 'invites.list', { search: email })).invites.find((i) => i.email === email);
  if (!found) throw new Error(`no invite for ${email}`);
  return found.id;
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Transitions finish instantly, so a dialog is captured as the operator sees it, not mid-fade.
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
}
