import { afterEach, describe, expect, it } from 'vitest';
import { testClock } from '../../../support/invite-fixtures';
import { startOnboardingHarness, type OnboardingHarness } from '../../../support/onboarding-harness';

let h: OnboardingHarness;
afterEach(() => h.dispose());

const MINUTE = 60_000;

/**
 * The invite page's state is kept between changes (page-cache.ts): these would show a stale page
 * if a change or the passing of time did not reach it.
 */
describe('a kept invite page', () => {
  it('follows time alone: a code past its deadline, an invite past its expiry', async () => {
    const clock = testClock();
    h = await startOnboardingHarness({ now: clock.now });
    const issued = await h.invite('bob@example.com', '1h');
    expect((await h.page(issued.url)).state).toMatchObject({ view: 'ready' });
    const pending = await h.start(issued.url);
    expect(pending).toMatchObject({ view: 'pending' });
    expect(await h.state(issued.url)).toEqual(pending);
    if (pending.view !== 'pending') throw new Error('not pending');
    clock.advance(pending.codeExpiresAt - clock.now() + 1);
    expect(await h.state(issued.url)).toMatchObject({ view: 'ready' });
    clock.advance(60 * MINUTE);
    const expired = await h.page(issued.url);
    expect([expired.status, expired.state]).toEqual([410, { view: 'expired' }]);
  });

  it('follows every change at once: its Pool renamed or paused, the invite revoked or reissued', async () => {
    h = await startOnboardingHarness();
    const issued = await h.invite('bob@example.com');
    expect((await h.page(issued.url)).state).toMatchObject({ view: 'ready', invite: { poolName: 'Research' } });
    await h.t.call('pools.rename', { id: h.poolId, name: 'Research Lab' });
    expect((await h.page(issued.url)).state).toMatchObject({ invite: { poolName: 'Research Lab' } });
    await h.t.call('pools.setStatus', { id: h.poolId, status: 'disabled' });
    expect(await h.state(issued.url)).toEqual({ view: 'unavailable' });
    await h.t.call('pools.setStatus', { id: h.poolId, status: 'active' });
    expect(await h.state(issued.url)).toMatchObject({ view: 'ready' });

    const operator = { kind: 'operator', name: 'Ada' } as const;
    const reissued = await h.t.services.invites.reissue(issued.invite.id, operator, { emailRequested: false });
    expect(await h.state(issued.url)).toEqual({ view: 'unavailable' });
    expect(await h.state(reissued.url)).toMatchObject({ view: 'ready' });
    await h.t.call('invites.revoke', { id: issued.invite.id });
    expect(await h.state(reissued.url)).toEqual({ view: 'unavailable' });
  });
});
