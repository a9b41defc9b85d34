import escapeHtml from 'escape-html';
import { expiryLabel } from '../../../shared/format/expiry-label';
import type { InviteKind } from '../../../shared/contract';
import type { OutgoingMail } from './smtp-client';

export interface InviteEmailFacts {
  /** `relink`: the owner of an account the Pool already has is asked to sign in again. */
  kind: InviteKind;
  to: string;
  inviter: string;
  poolName: string;
  url: string;
  expiresAt: number;
  now: number;
}

/** "Sun, 23 Nov 2026 14:05 UTC": the recipient's time zone is unknown, so say which one. */
function utc(ms: number): string {
  return new Date(ms).toUTCString().replace(/:\d\d GMT$/, ' UTC');
}

/**
 * The invite email: subject naming the Pool, a text part and an HTML part with the link as a
 * button and as plain text, the expiry, and a warning not to forward it. Every interpolated value
 * is HTML-escaped in the HTML part.
 */
/** What differs between an invite and a relink link: the ask, the heading, the button, the subject. */
function wording(facts: InviteEmailFacts) {
  if (facts.kind === 'relink') {
    return {
      ask: `${facts.inviter} asks you to sign in again with your Codex (ChatGPT) account ${facts.to}: its connection to the Pool "${facts.poolName}" stopped working.`,
      heading: `Reconnect your Codex account to ${facts.poolName}`,
      button: 'Reconnect your Codex account',
      subject: `Reconnect your Codex account to the Pool "${facts.poolName}"`,
    };
  }
  return {
    ask: `${facts.inviter} invited you to connect your Codex (ChatGPT) account ${facts.to} to the Pool "${facts.poolName}".`,
    heading: `Join the Pool ${facts.poolName}`,
    button: 'Connect your Codex account',
    subject: `Join the Pool "${facts.poolName}" with your Codex account`,
  };
}

export function renderInviteEmail(facts: InviteEmailFacts): OutgoingMail {
  const expires = `${utc(facts.expiresAt)} (${expiryLabel(facts.expiresAt, facts.now)})`;
  const words = wording(facts);
  const text = [
    words.ask,
    '',
    'Open this link to approve the connection:',
    facts.url,
    '',
    `The link works once and expires ${expires}.`,
    `If the link does not open, ask ${facts.inviter} to open Pooler Console: the page is served only while it runs.`,
    '',
    'Do not forward this email: anyone who has the link can use it.',
  ].join('\n');

  const e = {
    ask: escapeHtml(words.ask),
    heading: escapeHtml(words.heading),
    button: escapeHtml(words.button),
    inviter: escapeHtml(facts.inviter),
    url: escapeHtml(facts.url),
    expires: escapeHtml(expires),
  };
  const html = `<!doctype html>
<html lang="en">
<body style="margin:0;padding:24px;background:#f5f6f8;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#111827">
  <table role="presentation" cellpadding="0" cellspacing="0" style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e5e7eb;border-radius:10px">
    <tr><td style="padding:28px 32px">
      <h1 style="margin:0 0 16px;font-size:20px">${e.heading}</h1>
      <p style="margin:0 0 16px;line-height:1.5">${e.ask}</p>
      <p style="margin:24px 0"><a href="${e.url}" style="display:inline-block;padding:12px 20px;background:#4f46e5;color:#ffffff;text-decoration:none;border-radius:8px;font-weight:600">${e.button}</a></p>
      <p style="margin:0 0 8px;line-height:1.5">Or open this link:</p>
      <p style="margin:0 0 16px;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;word-break:break-all">${e.url}</p>
      <p style="margin:0 0 16px;line-height:1.5">The link works once and expires ${e.expires}.</p>
      <p style="margin:0 0 16px;line-height:1.5">If the link does not open, ask ${e.inviter} to open Pooler Console: the page is served only while it runs.</p>
      <p style="margin:0;padding:12px 14px;background:#fef3c7;border-radius:8px;line-height:1.5"><strong>Do not forward this email.</strong> Anyone who has the link can use it.</p>
    </td></tr>
  </table>
</body>
</html>`;
  return { to: facts.to, subject: words.subject, text, html };
}
