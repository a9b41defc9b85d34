import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashInviteToken } from '../../../../electron/core/invites/invite-token';
import { tokenOf } from '../../../support/invite-fixtures';
import { startSmtpServer, type TestSmtpServer } from '../../../support/smtp-test-server';
import { startTestCore, type TestCore } from '../../../support/test-core';
import { smtpSettings } from '../../../support/smtp-settings';

let t: TestCore;
let smtp: TestSmtpServer;
let poolId: string;

beforeEach(async () => {
  smtp = await startSmtpServer({ mode: 'plain', rejectRecipients: /^refused@/ });
  t = await startTestCore();
  // Names with the characters HTML escaping exists for (< and > are refused at input).
  await t.call('settings.updateOperator', { displayName: `Ada "The Countess" O'Brien & Co`, email: 'ada@example.com' });
  poolId = (await t.call('pools.create', { name: `R&D "core" 'team'` })).id;
  await t.call('smtp.update', smtpSettings(smtp.port));
});
afterEach(async () => {
  await smtp.close();
  await t.dispose();
});

const create = (email: string) => t.call('invites.create', { poolId, email, expiry: '24h', sendEmail: true });

describe('invite emails', () => {
  it('arrive with the Pool in the subject, both parts, the very URL of the result, and escaped HTML', async () => {
    const issued = await create('bob@example.com');
    expect(issued.email).toEqual({ outcome: 'sent', reason: null });
    expect(issued.invite).toMatchObject({ emailDelivery: 'sent', emailSentAt: expect.any(Number), emailError: null });
    const [mail] = await smtp.waitForMessages(1);
    expect(mail!.to).toMatchObject({ value: [{ address: 'bob@example.com' }] });
    expect(mail!.from).toMatchObject({ value: [{ address: 'console@pooler.example', name: 'Pooler Console' }] });
    expect(mail!.subject).toBe(`Join the Pool "R&D "core" 'team'" with your Codex account`);

    const text = mail!.text!;
    expect(text).toContain(issued.url);
    expect(text).toContain(`Ada "The Countess" O'Brien & Co invited you`);
    expect(text).toContain('Do not forward this email');
    expect(text).toContain(`If the link does not open, ask Ada "The Countess" O'Brien & Co to open Pooler Console`);
    expect(text).toMatch(/expires \w{3}, \d\d \w{3} \d{4} \d\d:\d\d UTC \(in 24 hours\)/);

    const html = mail!.html as string;
    expect(html).toContain(`href="${issued.url}"`);
    expect(html.split(issued.url)).toHaveLength(3); // the button and the plain link
    expect(html).toContain('R&amp;D &quot;core&quot; &#39;team&#39;');
    expect(html).toContain('Ada &quot;The Countess&quot; O&#39;Brien &amp; Co');
    expect(html).not.toContain(`R&D "core"`);
    expect(html).not.toContain(`O'Brien & Co`);
    expect(html).toContain('Do not forward this email.');
    expect(html).toContain('If the link does not open, ask Ada &quot;The Countess&quot; O&#39;Brien &amp; Co to open');

    const [entry] = (await t.call('audit.list', { action: 'invite.email_sent' })).entries;
    expect(entry).toMatchObject({ actor: { kind: 'system', name: 'Pooler Console' }, targetId: issued.invite.id });
    expect(JSON.stringify(entry)).not.toContain(tokenOf(issued));
  });

  it('keeps the invite active when delivery fails, recording a short code', async () => {
    const issued = await create('refused@example.com');
    expect(issued.email).toEqual({ outcome: 'failed', reason: 'the SMTP server refused the message' });
    expect(issued.invite).toMatchObject({
      status: 'active',
      emailDelivery: 'failed',
      emailError: 'rejected',
      emailSentAt: null,
    });
    const retrieved = await t.call('invites.retrieve', { id: issued.invite.id });
    expect(retrieved).toMatchObject({ status: 'active', email_error: 'rejected', email_sent_at: null });
    const [entry] = (await t.call('audit.list', { action: 'invite.email_failed' })).entries;
    expect(entry?.details).toEqual({ email: 'refused@example.com', poolName: `R&D "core" 'team'`, error: 'rejected' });
    // Still usable: the operator shares the URL by hand.
    expect(
      (
        await t.services.invites.accept(hashInviteToken(tokenOf(issued)), {
          acceptedByEmail: 'refused@example.com',
          upstreamId: 'u',
        })
      ).status,
    ).toBe('accepted');
  });

  it('reissue emails a second, different URL, and the first one stops resolving', async () => {
    const first = await create('bob@example.com');
    const second = await t.call('invites.reissue', { id: first.invite.id });
    expect(second.url).not.toBe(first.url);
    expect(second.email.outcome).toBe('sent');
    const messages = await smtp.waitForMessages(2);
    expect(messages[1]!.text).toContain(second.url);
    expect(messages[1]!.text).not.toContain(first.url);
    await expect(
      t.services.invites.accept(hashInviteToken(tokenOf(first)), {
        acceptedByEmail: 'bob@example.com',
        upstreamId: 'u',
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(
      (
        await t.services.invites.accept(hashInviteToken(tokenOf(second)), {
          acceptedByEmail: 'bob@example.com',
          upstreamId: 'u',
        })
      ).status,
    ).toBe('accepted');
  });

  it('stays off when not requested, and needs SMTP configured when it is', async () => {
    const quiet = await t.call('invites.create', {
      poolId,
      email: 'carol@example.com',
      expiry: '1h',
      sendEmail: false,
    });
    expect(quiet.email.outcome).toBe('not_requested');
    await t.call('smtp.update', smtpSettings(smtp.port, { enabled: false }));
    expect(
      await t.raw('invites.create', { poolId, email: 'dan@example.com', expiry: '1h', sendEmail: true }),
    ).toMatchObject({
      error: { code: 'smtp_not_configured' },
    });
    expect(await t.raw('invites.reissue', { id: quiet.invite.id })).toMatchObject({
      error: { code: 'smtp_not_configured' },
    });
    expect(smtp.messages).toEqual([]);
  });
});
