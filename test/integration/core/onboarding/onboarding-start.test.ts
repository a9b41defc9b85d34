import { afterEach, describe, expect, it } from 'vitest';
import { startOnboardingHarness, type OnboardingHarness } from '../../../support/onboarding-harness';

let h: OnboardingHarness;
afterEach(() => h.dispose());

const sql = (query: string, ...params: unknown[]) => h.t.query(query, ...params);

const codeRequests = () => h.fake.requests.filter((r) => r.path === '/api/accounts/deviceauth/usercode').length;

describe('starting device approval', () => {
  it('a flood of presses on one link asks OpenAI for one code and stores one session', async () => {
    h = await startOnboardingHarness();
    const issued = await h.invite('bob@example.com');
    const answers = await Promise.all(Array.from({ length: 100 }, () => h.start(issued.url)));
    expect(codeRequests()).toBe(1);
    const code = h.fake.latestUserCode();
    expect(new Set(answers.map((a) => (a as { userCode?: string }).userCode))).toEqual(new Set([code]));
    expect(await sql('SELECT state FROM onboarding_sessions')).toEqual([{ state: 'pending' }]);
    // Reloading the page and pressing Start again shows the same code.
    expect(await h.start(issued.url)).toMatchObject({ view: 'pending', userCode: code });
    expect(codeRequests()).toBe(1);
  });

  it('"Start again with a new code" replaces the pending code, at most one new code per gap', async () => {
    h = await startOnboardingHarness({ limits: { newCodeGapMs: 1_500 } });
    const issued = await h.invite('bob@example.com');
    const first = await h.start(issued.url);
    const began = Date.now();
    const [second, third] = await Promise.all([h.start(issued.url, true), h.start(issued.url, true)]);
    expect(second).toMatchObject({ view: 'pending' });
    expect(third).toEqual(second);
    expect(second).not.toMatchObject({ userCode: (first as { userCode: string }).userCode });
    expect(Date.now() - began).toBeGreaterThanOrEqual(1_400);
    expect(codeRequests()).toBe(2);
    expect(await sql('SELECT state FROM onboarding_sessions ORDER BY created_at')).toEqual([
      { state: 'superseded' },
      { state: 'pending' },
    ]);
    h.fake.approve((second as { userCode: string }).userCode, 'bob@example.com');
    await h.until(issued.url, 'connected');
  });

  it('after a code that ended, a new one comes at once; after OpenAI gave none, only past the gap', async () => {
    h = await startOnboardingHarness({ limits: { newCodeGapMs: 4_000 } });
    const issued = await h.invite('bob@example.com');
    await h.start(issued.url);
    h.fake.deny(h.fake.latestUserCode()!);
    await h.until(issued.url, 'error');
    let began = Date.now();
    expect(await h.start(issued.url)).toMatchObject({ view: 'pending', userCode: h.fake.latestUserCode() });
    // Waiting out the gap would have taken more than 2.5 s more: the denial took one poll (1 s).
    expect(Date.now() - began).toBeLessThan(1_500);

    const other = await h.invite('carol@example.com');
    h.fake.switches.usercode = '404';
    expect(await h.start(other.url)).toMatchObject({ view: 'error', failure: 'openai_unavailable' });
    h.fake.switches.usercode = 'ok';
    began = Date.now();
    expect(await h.start(other.url)).toMatchObject({ view: 'pending' });
    expect(Date.now() - began).toBeGreaterThanOrEqual(3_900);
  });

  it('waits out a brief 429 from OpenAI (Retry-After) instead of showing the invitee an error', async () => {
    h = await startOnboardingHarness({ switches: { rateLimitedCodes: 2, retryAfterSeconds: 1 } });
    const issued = await h.invite('bob@example.com');
    const began = Date.now();
    expect(await h.start(issued.url)).toMatchObject({ view: 'pending', userCode: h.fake.latestUserCode() });
    expect(Date.now() - began).toBeGreaterThanOrEqual(1_900);
    expect(codeRequests()).toBe(3);
  });

  it('shows the error when OpenAI keeps refusing, and the invite stays usable', async () => {
    h = await startOnboardingHarness({ switches: { usercode: '429', retryAfterSeconds: 0 } });
    const issued = await h.invite('bob@example.com');
    expect(await h.start(issued.url)).toMatchObject({ view: 'error', failure: 'openai_unavailable' });
    expect(codeRequests()).toBe(3);
    expect(await sql('SELECT count(*) AS n FROM onboarding_sessions')).toEqual([{ n: 0 }]);
    h.fake.switches.usercode = 'ok';
    expect(await h.start(issued.url)).toMatchObject({ view: 'pending' });
  });

  it('refuses a malformed start request and changes nothing', async () => {
    h = await startOnboardingHarness();
    const issued = await h.invite('bob@example.com');
    for (const body of ['{"again":"yes"}', '{"again":true,"extra":1}', '[]', '{']) {
      const response = await fetch(`${issued.url}/start`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      expect(response.status, body).toBe(400);
      expect(await response.text(), body).not.toContain(issued.url.split('/').at(-1));
    }
    expect(codeRequests()).toBe(0);
    expect(await sql('SELECT count(*) AS n FROM onboarding_sessions')).toEqual([{ n: 0 }]);
  });

  it('sweeps ended sessions after a day and keeps pending ones', async () => {
    h = await startOnboardingHarness();
    const denied = await h.invite('bob@example.com');
    await h.start(denied.url);
    h.fake.deny(h.fake.latestUserCode()!);
    await h.until(denied.url, 'error');
    const waiting = await h.invite('carol@example.com');
    await h.start(waiting.url);
    const dayAgo = Date.now() - 24 * 60 * 60_000 - 1000;
    await sql('UPDATE onboarding_sessions SET updated_at = ?, created_at = ?', dayAgo, dayAgo);
    expect(await h.t.services.flow.sweepSessions()).toBe(1);
    expect(await sql('SELECT state FROM onboarding_sessions')).toEqual([{ state: 'pending' }]);
    expect((await h.state(denied.url)).view).toBe('ready');
  });
});
