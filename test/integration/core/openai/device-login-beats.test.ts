import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createDeviceLoginEngine,
  type DeviceIds,
  type PendingLogin,
} from '../../../../electron/core/openai/device-login';
import { startFakeOpenAI, type FakeOpenAI } from '../../../fakes/openai/fake-openai-server';

let fake: FakeOpenAI | undefined;
let stop: (() => void) | undefined;
afterEach(async () => {
  stop?.();
  await fake?.close();
});

describe('device-code polling', () => {
  it('sends every pending login’s poll on a shared whole-second beat, one beat per interval', async () => {
    // A 1-second interval: each login is polled on every beat.
    fake = await startFakeOpenAI({ switches: { interval: '1' } });
    const issuer = fake.issuer;
    const logins = new Map<string, PendingLogin & DeviceIds>();
    const engine = createDeviceLoginEngine({
      issuer: () => issuer,
      now: Date.now,
      logger: pino({ level: 'silent' }),
      store: {
        pending: (id) => logins.get(id),
        device: (id) => logins.get(id)!,
        reschedule: () => true,
      },
      hooks: { isCurrent: () => true, onApproved: async () => undefined, onFailed: () => undefined },
    });
    stop = engine.stop;
    // Three logins whose first polls fall due at a third of a second from one another.
    const start = Date.now();
    for (const k of [0, 1, 2]) {
      const code = await engine.requestCode();
      const login = {
        id: `login-${k}`,
        ...code,
        transientFailures: 0,
        deadlineAt: code.expiresAt,
        nextPollAt: start + 1_000 + k * 333,
      };
      logins.set(login.id, login);
      engine.watch(login);
    }
    const pollsOf = (userCode: string) =>
      fake!.requests.filter(
        (r) => r.path === '/api/accounts/deviceauth/token' && (r.body as { user_code?: string }).user_code === userCode,
      );
    const codes = [...logins.values()].map((login) => login.userCode);
    await expect
      .poll(() => Math.min(...codes.map((code) => pollsOf(code).length)), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(4);
    for (const code of codes) {
      const polls = pollsOf(code);
      // Sent on a beat, arriving a timer's and a loopback hop's few milliseconds after it (the
      // bound leaves room for a busy machine; without beats, one of the three is 400 ms or more off).
      for (const poll of polls) expect(poll.at % 1000).toBeLessThan(400);
      // One poll per beat while pending: never two in one, never one skipped.
      const beats = polls.map((poll) => Math.floor(poll.at / 1000));
      for (let i = 1; i < beats.length; i++) expect(beats[i]! - beats[i - 1]!).toBe(1);
    }
  });
});
