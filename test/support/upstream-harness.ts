import type { Deliver } from '../../electron/core';
import type { AuthJsonFile, UpstreamRow } from '../../shared/contract';
import { startFakeOpenAI, type FakeOpenAI, type FakeSwitches } from '../fakes/openai/fake-openai-server';
import { startTestCore, type TestCore, type TestCoreOptions } from './test-core';

export interface UpstreamHarness {
  /** Replaced by a restart: `h.t = await h.t.restart()`. */
  t: TestCore;
  fake: FakeOpenAI;
  poolId: string;
  /** An account signed in at the fake, joined to the Pool through an auth.json import. */
  account(email: string): Promise<UpstreamRow>;
  row(id: string): Promise<UpstreamRow>;
  dispose(): Promise<void>;
}

/** The auth.json `codex login` would have written for these tokens (reference §5). */
export function authJsonFor(tokens: {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  accountId: string;
}): AuthJsonFile {
  return {
    auth_mode: 'chatgpt',
    tokens: {
      id_token: tokens.idToken,
      access_token: tokens.accessToken,
      refresh_token: tokens.refreshToken,
      account_id: tokens.accountId,
    },
    last_refresh: new Date().toISOString(),
  };
}

/** A core (background jobs off: tests drive them) pointed at a fake OpenAI for auth and usage. */
export async function startUpstreamHarness(
  options: {
    switches?: Partial<FakeSwitches>;
    env?: NodeJS.ProcessEnv;
    deliver?: Deliver;
    config?: TestCoreOptions['config'];
  } = {},
): Promise<UpstreamHarness> {
  const fake = await startFakeOpenAI({ switches: { interval: '1', ...options.switches } });
  const t = await startTestCore({
    env: {
      POOLER_OPENAI_ISSUER: fake.issuer,
      POOLER_CHATGPT_BASE_URL: fake.chatgptBaseUrl,
      POOLER_LOG_LEVEL: 'trace',
      ...options.env,
    },
    ...(options.deliver ? { deliver: options.deliver } : {}),
    ...(options.config ? { config: options.config } : {}),
  });
  await t.call('settings.updateOperator', { displayName: 'Ada Lovelace', email: 'ada@example.com' });
  const poolId = (await t.call('pools.create', { name: 'Research' })).id;
  const harness: UpstreamHarness = {
    t,
    fake,
    poolId,
    account: (email) => harness.t.call('upstreams.importAuth', { poolId, file: authJsonFor(fake.mintTokens(email)) }),
    async row(id) {
      const found = (await harness.t.call('upstreams.list', {})).upstreams.find((u) => u.id === id);
      if (!found) throw new Error(`no upstream ${id}`);
      return found;
    },
    async dispose() {
      await harness.t.dispose();
      await fake.close();
    },
  };
  return harness;
}
