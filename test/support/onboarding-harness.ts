import { join } from 'node:path';
import type { OnboardingPageState } from '../../shared/onboarding/page-state';
import type { IssuedInvite } from '../../shared/contract';
import type { OnboardingLimits } from '../../electron/core/onboarding/onboarding-limits';
import { startFakeOpenAI, type FakeOpenAI, type FakeSwitches } from '../fakes/openai/fake-openai-server';
import { startTestCore, type TestCore } from './test-core';

export const RENDERER_DIR = join(import.meta.dirname, '../../out/renderer');

export interface OnboardingHarness {
  t: TestCore;
  fake: FakeOpenAI;
  poolId: string;
  invite(email: string, expiry?: '1h' | '24h'): Promise<IssuedInvite>;
  page(url: string): Promise<{ status: number; html: string; state: OnboardingPageState; headers: Headers }>;
  state(url: string): Promise<OnboardingPageState>;
  /** POST …/start; `again` as "Start again with a new code" sends it. */
  start(url: string, again?: boolean): Promise<OnboardingPageState>;
  /** Polls the page state until `view` is reached (or fails after `timeoutMs`). */
  until(url: string, view: OnboardingPageState['view'], timeoutMs?: number): Promise<OnboardingPageState>;
  /**
   * Waits until a control session, started now and approved at once, connects: a full poll
   * interval later. A session that was still polling would have polled (and landed) meanwhile.
   */
  outlastPoll(): Promise<void>;
  /** How many times the console polled OpenAI for this user code. */
  pollsFor(userCode: string): number;
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

/** A core with its onboarding listener up, pointed at a fake OpenAI with a 1-second interval. */
export async function startOnboardingHarness(
  options: {
    switches?: Partial<FakeSwitches>;
    limits?: Partial<OnboardingLimits>;
    port?: number;
    /** The console's clock (a test clock moves time on without waiting). */
    now?: () => number;
  } = {},
): Promise<OnboardingHarness> {
  const fake = await startFakeOpenAI({ switches: { interval: '1', ...options.switches } });
  const coreOptions = {
    ...(options.now ? { now: options.now } : {}),
    env: {
      POOLER_OPENAI_ISSUER: fake.issuer,
      POOLER_CHATGPT_BASE_URL: fake.chatgptBaseUrl,
      POOLER_ONBOARDING_PORT: String(options.port ?? 0),
      POOLER_LOG_LEVEL: 'trace',
    },
    // No rate limit and no gap between codes unless a test is about them.
    config: {
      rendererDir: RENDERER_DIR,
      onboardingLimits: { lookupsPerMinute: 100_000, newCodeGapMs: 0, ...options.limits },
    },
  };
  let t = await startTestCore(coreOptions);
  await t.core.onboarding.start();
  await t.call('settings.updateOperator', { displayName: 'Ada Lovelace', email: 'ada@example.com' });
  const poolId = (await t.call('pools.create', { name: 'Research' })).id;

  let controls = 0;
  const state = async (url: string) => (await (await fetch(`${url}/state`)).json()) as OnboardingPageState;
  const harness: OnboardingHarness = {
    get t() {
      return t;
    },
    fake,
    poolId,
    invite: (email, expiry = '24h') => t.call('invites.create', { poolId, email, expiry, sendEmail: false }),
    async page(url) {
      const response = await fetch(url);
      const html = await response.text();
      const json = /<script type="application\/json" id="onboarding-state">(.*?)<\/script>/s.exec(html)?.[1] ?? 'null';
      return {
        status: response.status,
        html,
        state: JSON.parse(json) as OnboardingPageState,
        headers: response.headers,
      };
    },
    state,
    async start(url, again) {
      const init =
        again === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ again }) };
      return (await (await fetch(`${url}/start`, { method: 'POST', ...init })).json()) as OnboardingPageState;
    },
    async until(url, view, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const current = await state(url);
        if (current.view === view) return current;
        if (Date.now() > deadline) throw new Error(`page stayed ${JSON.stringify(current)} instead of ${view}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async outlastPoll() {
      const email = `control-${++controls}@example.com`;
      const control = await harness.invite(email);
      await harness.start(control.url);
      fake.approve(fake.latestUserCode() ?? '', email);
      await harness.until(control.url, 'connected');
    },
    pollsFor: (userCode) =>
      fake.requests.filter(
        (r) => r.path === '/api/accounts/deviceauth/token' && (r.body as { user_code?: string }).user_code === userCode,
      ).length,
    async restart() {
      t = await t.restart();
      await t.core.onboarding.start();
    },
    async dispose() {
      await t.dispose();
      await fake.close();
    },
  };
  return harness;
}
