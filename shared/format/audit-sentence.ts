import type { AuditAction, AuditDetails, AuditEntry } from '../contract/audit';
import type { PoolStatus } from '../contract/pools';
import type { ReachMode } from '../contract/reach';
import { SMTP_FAILURE_REASONS } from '../contract/smtp';

/** A sentence as parts, so a UI can emphasise names while plain text stays one join away. */
export type SentencePart = { text: string; emphasis?: boolean };

const name = (text: string): SentencePart => ({ text, emphasis: true });
const words = (text: string): SentencePart => ({ text });

const STATUS_VERBS: Record<PoolStatus, string> = {
  active: 'enabled',
  disabled: 'disabled',
  archived: 'archived',
};

function poolUpdated(details: AuditDetails<'pool.updated'>): SentencePart[] {
  const { name: renamed, status } = details.changes;
  if (renamed) return [words(' renamed the Pool '), name(renamed.from), words(' to '), name(renamed.to)];
  if (status) return [words(` ${STATUS_VERBS[status.to]} the Pool `), name(details.name)];
  return [words(' updated the Pool '), name(details.name)];
}

const SIGN_IN_FAILURES: Record<AuditDetails<'operator.sign_in_failed'>['reason'], string> = {
  password: 'wrong password',
  code: 'wrong or reused code',
  locked: 'locked after failed attempts',
  not_enrolled: 'not enrolled yet',
};

/** What a settings change did, by section. */
const SETTINGS_SECTIONS: Record<AuditDetails<'settings.changed'>['section'], string> = {
  operator: ' updated the operator profile',
  accounts: ' changed what happens when an account needs relinking',
  alerts: ' changed which alerts are raised',
  onboarding: ' changed where invite links are served',
};

/** "… the invite for bob@example.com to the Pool Research". */
const inviteFor = (verb: string, details: { email: string; poolName: string }, preposition = 'to') => [
  words(` ${verb} `),
  name(details.email),
  words(` ${preposition} the Pool `),
  name(details.poolName),
];

function predicate(entry: AuditEntry): SentencePart[] {
  switch (entry.action) {
    case 'pool.created':
      return [words(' created the Pool '), name(entry.details.name)];
    case 'pool.updated':
      return poolUpdated(entry.details);
    case 'invite.created':
      return inviteFor('invited', entry.details);
    case 'invite.relink_created':
      return inviteFor('created a relink link for', entry.details, 'in');
    case 'invite.reissued':
      return inviteFor('reissued the invite for', entry.details);
    case 'invite.revoked':
      return inviteFor('revoked the invite for', entry.details);
    case 'invite.accepted':
      return [words(' accepted the invite to the Pool '), name(entry.details.poolName)];
    case 'invite.onboarding_failed':
      return [
        ...inviteFor('approved the invite for', entry.details),
        words(
          entry.details.reason === 'account_mismatch'
            ? ' with a different ChatGPT account'
            : ', but the emails do not match',
        ),
      ];
    case 'upstream.linked':
      return [words(' linked their Codex account to the Pool '), name(entry.details.poolName)];
    case 'upstream.refreshed':
      return [words(' refreshed the token of '), name(entry.details.email)];
    case 'upstream.refresh_failed':
      return [words(' could not refresh the token of '), name(entry.details.email), words(`: ${entry.details.reason}`)];
    case 'upstream.relinked':
      return [
        words(' relinked '),
        name(entry.details.email),
        ...(entry.details.via === 'link' ? [words(' through a relink link')] : []),
      ];
    case 'upstream.imported':
      return inviteFor('imported', entry.details, 'from auth.json into');
    case 'upstream.exported':
      return [
        words(' exported the auth.json of '),
        name(entry.details.email),
        ...(entry.details.handedOver === false ? [words(' as a copy (the console keeps refreshing it)')] : []),
      ];
    case 'upstream.handed_off':
      return [words(' handed '), name(entry.details.email), words(' over: the console no longer refreshes it')];
    case 'alert.raised':
      return [words(' raised an alert: '), name(entry.details.title)];
    case 'operator.added':
      return [words(` added the ${entry.details.role} `), name(entry.details.email)];
    case 'operator.enrolled':
      return [words(' set a password and an authenticator: '), name(entry.details.email), words(' can sign in')];
    case 'operator.signed_in':
      return [words(entry.details.with === 'recovery_code' ? ' signed in with a recovery code' : ' signed in')];
    case 'operator.sign_in_failed':
      return [words(` failed to sign in (${SIGN_IN_FAILURES[entry.details.reason]})`)];
    case 'operator.revoked':
      return [words(' revoked the operator '), name(entry.details.email)];
    case 'upstream.removed':
      return [
        words(' removed '),
        name(entry.details.email),
        words(' from the Pool '),
        name(entry.details.poolName ?? 'that no longer exists'),
      ];
    case 'upstream.deleted':
      return [words(' deleted the account '), name(entry.details.email), words(' and its stored tokens')];
    case 'invite.email_sent':
      return inviteFor('emailed the invite to', entry.details, 'for');
    case 'invite.email_failed':
      return [
        words(' could not email the invite to '),
        name(entry.details.email),
        words(`: ${SMTP_FAILURE_REASONS[entry.details.error]}`),
      ];
    case 'smtp.settings_changed': {
      const password = { replaced: ' and replaced the password', cleared: ' and cleared the password' };
      const change = entry.details.password ? password[entry.details.password] : '';
      return [words(` changed the email (SMTP) settings${change}`)];
    }
    case 'settings.changed':
      return [words(SETTINGS_SECTIONS[entry.details.section])];
    case 'onboarding.reach_changed':
      return [words(' changed how invitees reach this console to '), name(REACH_MODE_LABELS[entry.details.to.mode])];
    case 'onboarding.tunnel_started':
      return [words(' started the '), name(entry.details.program), words(' tunnel at '), name(entry.details.url)];
    case 'onboarding.tunnel_stopped':
      return [words(' stopped the '), name(entry.details.program), words(' tunnel')];
    case 'onboarding.tunnel_failed':
      return [words(' could not keep the '), name(entry.details.program), words(` tunnel up: ${entry.details.reason}`)];
  }
}

/** "Ada created the Pool Research", as parts. */
export function describeAuditEntry(entry: AuditEntry): SentencePart[] {
  return [name(entry.actor.name), ...predicate(entry)];
}

export function sentenceText(parts: SentencePart[]): string {
  return parts.map((p) => p.text).join('');
}

/** Filter labels for every audit action. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'pool.created': 'Pool created',
  'pool.updated': 'Pool updated',
  'invite.created': 'Invite created',
  'invite.relink_created': 'Relink link created',
  'invite.email_sent': 'Invite email sent',
  'invite.email_failed': 'Invite email failed',
  'invite.reissued': 'Invite reissued',
  'invite.revoked': 'Invite revoked',
  'invite.accepted': 'Invite accepted',
  'invite.onboarding_failed': 'Onboarding failed',
  'upstream.linked': 'Account linked',
  'upstream.refreshed': 'Token refreshed',
  'upstream.refresh_failed': 'Token refresh failed',
  'upstream.relinked': 'Account relinked',
  'upstream.imported': 'auth.json imported',
  'upstream.exported': 'auth.json exported',
  'upstream.handed_off': 'Account handed over',
  'upstream.removed': 'Account removed from Pool',
  'upstream.deleted': 'Account deleted',
  'smtp.settings_changed': 'Email settings changed',
  'settings.changed': 'Settings changed',
  'onboarding.reach_changed': 'Invite reach changed',
  'onboarding.tunnel_started': 'Tunnel started',
  'onboarding.tunnel_stopped': 'Tunnel stopped',
  'onboarding.tunnel_failed': 'Tunnel failed',
  'alert.raised': 'Alert raised',
  'operator.added': 'Operator added',
  'operator.enrolled': 'Operator enrolled',
  'operator.signed_in': 'Operator signed in',
  'operator.sign_in_failed': 'Sign-in failed',
  'operator.revoked': 'Operator revoked',
};

/** The four ways invitees reach this console, as Settings names them. */
export const REACH_MODE_LABELS: Record<ReachMode, string> = {
  local: 'This computer only',
  network: 'Local network',
  tunnel: 'Tunnel',
  proxy: 'Reverse proxy / custom URL',
};
