import { afterEach, describe, expect, it } from 'vitest';
import type { PoolerEvent, RaisedAlert, RelinkAutomation } from '../../../../shared/contract';
import { startSmtpServer, type TestSmtpServer } from '../../../support/smtp-test-server';
import { smtpSettings } from '../../../support/smtp-settings';
import { startUpstreamHarness, type UpstreamHarness } from '../../../support/upstream-harness';
import { until } from '../../../support/until';

let h: UpstreamHarness;
let smtp: TestSmtpServer | null = null;
afterEach(async () => {
  await h?.dispose();
  await smtp?.close();
  smtp = null;
});

const FAST = { alertTimings: { glanceDelayMs: 5, burstMs: 30 } };

/** Every alert the core raises from now on. */
function alertsSeen(): RaisedAlert[] {
  const seen: RaisedAlert[] = [];
  h.t.core.subscribe((e: PoolerEvent) => {
    if (e.name === 'alerts.raised') seen.push(e.payload);
  });
  return seen;
}

const relinkLinks = async () => (await h.t.call('invites.list', { kind: 'relink' })).invites;

async function harness(mode: RelinkAutomation) {
  h = await startUpstreamHarness({ config: FAST });
  await h.t.call('settings.updateAccounts', { relinkAutomation: mode });
}

/** Kills the account's refresh token and lets the console find out. */
async function breakAccount(id: string, email: string) {
  h.fake.invalidateRefreshTokens(email);
  expect((await h.t.call('upstreams.refresh', { id })).credentialState).toBe('reauth_required');
}

describe('Settings → Accounts: when an account needs relinking', () => {
  it('create it and email the owner: one link, emailed over SMTP, and one alert', async () => {
    await harness('link_and_email');
    smtp = await startSmtpServer({ mode: 'plain' });
    await h.t.call('smtp.update', smtpSettings(smtp.port));
    const alerts = alertsSeen();
    const ada = await h.account('ada@example.com');
    await breakAccount(ada.id, 'ada@example.com');

    const [mail] = await smtp.waitForMessages(1);
    expect(mail!.to).toMatchObject({ value: [{ address: 'ada@example.com' }] });
    expect(mail!.subject).toBe('Reconnect your Codex account to the Pool "Research"');
    expect(mail!.text).toContain('asks you to sign in again with your Codex (ChatGPT) account ada@example.com');
    const links = await relinkLinks();
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({
      kind: 'relink',
      upstreamId: ada.id,
      createdBy: 'Pooler Console',
      emailDelivery: 'sent',
    });
    expect(mail!.text).toMatch(new RegExp(`${await h.t.publicUrl()}/onboarding/invites/[A-Za-z0-9_-]{43}`));
    await until(() => alerts.length > 0, 'the alerts');
    // One burst: the account, and the Pool it was the only ready account of.
    expect(alerts).toEqual([
      expect.objectContaining({ kind: 'relink_needed', link: `/upstreams?account=${ada.id}` }),
      expect.objectContaining({ kind: 'pool_no_ready', title: 'Research has no ready account' }),
    ]);
    expect((await h.t.call('audit.list', { action: 'alert.raised' })).entries.map((e) => e.details)).toEqual([
      { kind: 'pool_no_ready', count: 1, title: 'Research has no ready account' },
      { kind: 'relink_needed', count: 1, title: 'An account needs relinking' },
    ]);

    // Still broken when the console looks again: no second link, no second email.
    await h.t.call('pools.rename', { id: h.poolId, name: 'Research Lab' });
    await new Promise((r) => setTimeout(r, 100));
    expect(await relinkLinks()).toHaveLength(1);
    expect(smtp.messages).toHaveLength(1);
  });

  it('create a relink link: made and waiting on the Invites page, no email', async () => {
    await harness('link');
    const alerts = alertsSeen();
    const ada = await h.account('ada@example.com');
    await breakAccount(ada.id, 'ada@example.com');
    await until(async () => (await relinkLinks()).length === 1, 'the relink link');
    expect((await relinkLinks())[0]).toMatchObject({ emailDelivery: 'not_requested', upstreamId: ada.id });
    expect((await h.row(ada.id)).relinkLink).not.toBeNull();
    await until(() => alerts.length > 0, 'the alert');
  });

  it('do nothing: the alert only', async () => {
    await harness('off');
    const alerts = alertsSeen();
    const ada = await h.account('ada@example.com');
    await breakAccount(ada.id, 'ada@example.com');
    await until(() => alerts.some((a) => a.kind === 'relink_needed'), 'the alert');
    await new Promise((r) => setTimeout(r, 50));
    expect(await relinkLinks()).toEqual([]);
  });

  it('an account that recovers by itself has its pending link revoked', async () => {
    await harness('link');
    const ada = await h.account('ada@example.com');
    h.fake.switches.refreshFailure = '500';
    for (let i = 0; i < 3; i++) await h.t.call('upstreams.refresh', { id: ada.id });
    expect(await h.row(ada.id)).toMatchObject({ credentialState: 'refresh_failed', needsRelink: true });
    await until(async () => (await relinkLinks()).length === 1, 'the relink link');
    const [link] = await relinkLinks();

    h.fake.switches.refreshFailure = null;
    expect((await h.t.call('upstreams.refresh', { id: ada.id })).credentialState).toBe('ready');
    await until(async () => (await h.t.call('invites.get', { id: link!.id })).status === 'revoked', 'the revoke');
    expect((await h.row(ada.id)).relinkLink).toBeNull();
    const revoked = (await h.t.call('audit.list', { action: 'invite.revoked' })).entries;
    expect(revoked[0]).toMatchObject({ actor: { kind: 'system', name: 'Pooler Console' }, targetId: link!.id });
  });

  it('the choice is validated, audited, and survives a restart', async () => {
    await harness('off');
    const bad = await h.t.raw('settings.updateAccounts', { relinkAutomation: 'always' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect((await h.t.call('settings.get', {})).accounts).toEqual({ relinkAutomation: 'off' });
    await h.t.call('settings.updateAccounts', { relinkAutomation: 'link' });
    const changed = (await h.t.call('audit.list', { action: 'settings.changed' })).entries[0];
    expect(changed?.details).toEqual({
      section: 'accounts',
      changes: { relinkAutomation: { from: 'off', to: 'link' } },
    });
    h.t = await h.t.restart();
    expect((await h.t.call('settings.get', {})).accounts).toEqual({ relinkAutomation: 'link' });
  });
});
