import { afterEach, describe, expect, it } from 'vitest';
import { openEventStream, type OpenStream } from '../../../support/event-stream-client';
import { startOnboardingHarness, type OnboardingHarness } from '../../../support/onboarding-harness';

let h: OnboardingHarness;
const opened: OpenStream[] = [];
afterEach(async () => {
  for (const stream of opened.splice(0)) stream.close();
  await h.dispose();
});

async function stream(url: string, from?: string) {
  const opening = await openEventStream(`${url}/events`, { localAddress: from });
  opened.push(opening);
  return opening;
}

describe('invite-page event streams', () => {
  it('answers an unknown, revoked or expired link with its final state and ends the stream', async () => {
    h = await startOnboardingHarness();
    const unknown = await stream(`${await h.t.publicUrl()}/onboarding/invites/${'A'.repeat(43)}`);
    await unknown.ended;
    expect(unknown.events).toEqual([{ view: 'unavailable' }]);

    const revoked = await h.invite('bob@example.com');
    await h.t.call('invites.revoke', { id: revoked.invite.id });
    const revokedStream = await stream(revoked.url);
    await revokedStream.ended;
    expect(revokedStream.events).toEqual([{ view: 'unavailable' }]);

    const lapsed = await h.invite('carol@example.com', '1h');
    await h.t.query('UPDATE invites SET expires_at = ? WHERE id = ?', Date.now() - 1000, lapsed.invite.id);
    const lapsedStream = await stream(lapsed.url);
    await lapsedStream.ended;
    expect(lapsedStream.events).toEqual([{ view: 'expired' }]);
  });

  it('ends a stream when its invitee connects, and when the invite is revoked under it', async () => {
    h = await startOnboardingHarness();
    const issued = await h.invite('bob@example.com');
    const page = await stream(issued.url);
    await h.start(issued.url);
    h.fake.approve(h.fake.latestUserCode()!, 'bob@example.com');
    await page.ended;
    // Connected (perhaps said more than once while its usage is read), then with its receipt,
    // which ends the stream.
    const views = page.events.map((e) => (e as { view: string }).view);
    expect(views.slice(0, 3)).toEqual(['ready', 'pending', 'connected']);
    expect(new Set(views.slice(2))).toEqual(new Set(['connected']));
    expect(page.events.at(-1)).toMatchObject({ receipt: { plan: 'plus', problem: null } });

    const other = await h.invite('carol@example.com');
    const otherPage = await stream(other.url);
    await h.t.call('invites.revoke', { id: other.invite.id });
    await otherPage.ended;
    expect(otherPage.events.at(-1)).toEqual({ view: 'unavailable' });
  });

  it('caps open streams per client, per link and in all, with 503 and Retry-After; a closed one frees its slot', async () => {
    h = await startOnboardingHarness({ limits: { streams: { perClient: 3, perInvite: 4, total: 6 } } });
    const x = await h.invite('x@example.com');
    const y = await h.invite('y@example.com');
    const z = await h.invite('z@example.com');
    const clientA = await Promise.all([1, 2, 3].map(() => stream(x.url, '127.0.0.2')));
    expect(clientA.map((s) => s.status)).toEqual([200, 200, 200]);
    const overClient = await stream(y.url, '127.0.0.2');
    expect(overClient.status).toBe(503);
    expect(overClient.headers['retry-after']).toBe('30');
    expect(overClient.headers['cache-control']).toBe('no-store');

    expect((await stream(x.url, '127.0.0.3')).status).toBe(200);
    expect((await stream(x.url, '127.0.0.3')).status).toBe(503); // x has its 4
    expect((await stream(y.url, '127.0.0.3')).status).toBe(200);
    expect((await stream(y.url, '127.0.0.4')).status).toBe(200); // 6 in all
    expect((await stream(z.url, '127.0.0.5')).status).toBe(503);
    // The page and its state still answer: only streams are capped.
    expect((await h.page(z.url)).status).toBe(200);

    clientA[0]!.close();
    await clientA[0]!.ended;
    // The server sees the close a moment later; the client retries as the page's poll would.
    let retried: OpenStream;
    do retried = await stream(z.url, '127.0.0.5');
    while (retried.status === 503);
    expect(retried.status).toBe(200);
  });
});
