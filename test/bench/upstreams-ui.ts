import { chromium } from '@playwright/test';
import config from '../../playwright.config';
import { startFakeOpenAI } from '../fakes/openai/fake-openai-server';
import { rpc, startConsoleProcess } from '../support/console-process';
import { makeTempDir } from '../support/temp-dir';
import { deleteKeychainKey } from '../support/test-core';
import { authJsonFor } from '../support/upstream-harness';
import { summary } from './stats';

const ACCOUNTS = 1_000;
const POOLS = 20;
const VISITS = 10;

/** The Upstreams page in Chromium with 1,000 accounts: opening it until rows paint, and the DOM's size. */
export async function benchUpstreamsUi(): Promise<void> {
  const dir = makeTempDir('pooler-bench-upstreams-ui');
  const fake = await startFakeOpenAI();
  const env = {
    POOLER_KEYCHAIN_SERVICE: `pooler-bench-upstreams-ui-${process.pid}`,
    POOLER_OPENAI_ISSUER: fake.issuer,
    POOLER_CHATGPT_BASE_URL: fake.chatgptBaseUrl,
  };
  const pooler = await startConsoleProcess({ dataDir: dir.path, env });
  const browser = await chromium.launch(config.use?.launchOptions);
  try {
    await rpc(pooler, 'settings.updateOperator', { displayName: 'Bench', email: 'bench@example.com' });
    const pools: string[] = [];
    for (let p = 0; p < POOLS; p++) pools.push((await rpc(pooler, 'pools.create', { name: `Pool ${p}` })).id);
    for (let i = 0; i < ACCOUNTS; i++) {
      await rpc(pooler, 'upstreams.importAuth', {
        poolId: pools[i % POOLS] ?? '',
        file: authJsonFor(fake.mintTokens(`account${i}@example.com`)),
      });
    }
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${pooler.url}#/invites`);
    await page.getByRole('heading', { name: 'Invites', level: 1 }).waitFor();
    const opens: number[] = [];
    for (let i = 0; i < VISITS; i++) {
      const started = Date.now();
      await page.getByRole('link', { name: 'Upstreams' }).click();
      await page.locator('tr[data-upstream-id]').first().waitFor();
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      opens.push(Date.now() - started);
      if (i < VISITS - 1) {
        await page.getByRole('link', { name: 'Invites' }).click();
        await page.getByRole('heading', { name: 'Invites', level: 1 }).waitFor();
      }
    }
    await page
      .getByRole('region', { name: 'Upstream accounts list' })
      .evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.locator(`tr[data-index="${ACCOUNTS - 1}"]`).waitFor();
    console.log(`Upstreams page in Chromium, ${ACCOUNTS.toLocaleString()} accounts:`);
    console.log(`  open the page → rows painted   ${summary(opens)}`);
    console.log(
      `  table rows in the DOM at the end of the list: ${await page.locator('tbody tr[data-upstream-id]').count()}`,
    );
  } finally {
    await browser.close();
    await pooler.stop();
    await fake.close();
    dir.remove();
    deleteKeychainKey(env.POOLER_KEYCHAIN_SERVICE);
  }
}
