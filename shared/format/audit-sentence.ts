import type { AuditAction, AuditEntry } from '../contract/audit';
import { SMTP_FAILURE_REASONS, type SmtpFailure } from '../contract/smtp';

/** A sentence as parts, so a UI can emphasise names while plain text stays one join away. */
export type SentencePart = { text: string; emphasis?: boolean };

const name = (text: string): SentencePart => ({ text, emphasis: true });
const words = (text: string): SentencePart => ({ text });

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.length > 0 ? value : fallback;
}

interface Change {
  from: unknown;
  to: unknown;
}

function change(details: Record<string, unknown>, field: string): Change | null {
  const changes = details.changes;
  if (typeof changes !== 'object' || changes === null) return null;
  const entry = (changes as Record<string, unknown>)[field];
  if (typeof entry !== 'object' || entry === null) return null;
  return entry as Change;
}

const STATUS_VERBS: Record<string, string> = {
  active: 'enabled',
  disabled: 'disabled',
  archived: 'archived',
};

function poolUpdated(entry: AuditEntry): SentencePart[] {
  const renamed = change(entry.details, 'name');
  if (renamed) {
    return [
      words(' renamed the Pool '),
      name(text(renamed.from, 'unnamed')),
      words(' to '),
      name(text(renamed.to, 'unnamed')),
    ];
  }
  const status = change(entry.details, 'status');
  const verb = status ? STATUS_VERBS[text(status.to, '')] : undefined;
  if (verb) return [words(` ${verb} the Pool `), name(text(entry.details.name, 'unnamed'))];
  return [words(' updated the Pool '), name(text(entry.details.name, 'unnamed'))];
}

const poolName = (entry: AuditEntry) => text(entry.details.poolName, 'unnamed');
const account = (entry: AuditEntry) => text(entry.details.email, 'an account');

function predicate(entry: AuditEntry): SentencePart[] {
  switch (entry.action) {
    case 'pool.created':
      return [words(' created the Pool '), name(text(entry.details.name, 'unnamed'))];
    case 'pool.updated':
      return poolUpdated(entry);
    case 'invite.created':
      return [
        words(' invited '),
        name(text(entry.details.email, 'someone')),
        words(' to the Pool '),
        name(poolName(entry)),
      ];
    case 'invite.reissued':
      return [
        words(' reissued the invite for '),
        name(text(entry.details.email, 'someone')),
        words(' to the Pool '),
        name(poolName(entry)),
      ];
    case 'invite.revoked':
      return [
        words(' revoked the invite for '),
        name(text(entry.details.email, 'someone')),
        words(' to the Pool '),
        name(poolName(entry)),
      ];
    case 'invite.accepted':
      return [words(' accepted the invite to the Pool '), name(poolName(entry))];
    case 'invite.onboarding_failed':
      return entry.details.reason === 'email_mismatch'
        ? [
            words(' approved the invite for '),
            name(text(entry.details.email, 'someone')),
            words(' to the Pool '),
            name(poolName(entry)),
            words(', but the emails do not match'),
          ]
        : [words(' could not complete the invite to the Pool '), name(poolName(entry))];
    case 'upstream.linked':
      return [words(' linked their Codex account to the Pool '), name(poolName(entry))];
    case 'upstream.refreshed':
      return [words(' refreshed the token of '), name(account(entry))];
    case 'upstream.refresh_failed':
      return [
        words(' could not refresh the token of '),
        name(account(entry)),
        words(`: ${text(entry.details.reason, 'unknown error')}`),
      ];
    case 'upstream.relinked':
      return [words(' relinked '), name(account(entry))];
    case 'upstream.imported':
      return [
        words(' imported '),
        name(account(entry)),
        words(' from auth.json into the Pool '),
        name(poolName(entry)),
      ];
    case 'upstream.exported':
      return [words(' exported the auth.json of '), name(account(entry))];
    case 'upstream.removed':
      return [words(' removed '), name(account(entry)), words(' from the Pool '), name(poolName(entry))];
    case 'upstream.deleted':
      return [words(' deleted the account '), name(account(entry)), words(' and its stored tokens')];
    case 'invite.email_sent':
      return [
        words(' emailed the invite to '),
        name(text(entry.details.email, 'someone')),
        words(' for the Pool '),
        name(poolName(entry)),
      ];
    case 'invite.email_failed': {
      const reason = SMTP_FAILURE_REASONS[entry.details.error as SmtpFailure] ?? 'the email could not be sent';
      return [
        words(' could not email the invite to '),
        name(text(entry.details.email, 'someone')),
        words(`: ${reason}`),
      ];
    }
    case 'smtp.settings_changed':
      return entry.details.password === 'replaced'
        ? [words(' changed the email (SMTP) settings and replaced the password')]
        : entry.details.password === 'cleared'
          ? [words(' changed the email (SMTP) settings and cleared the password')]
          : [words(' changed the email (SMTP) settings')];
    case 'settings.changed':
      return entry.details.section === 'operator'
        ? [words(' updated the operator profile')]
        : entry.details.section === 'onboarding'
          ? [words(' changed where invite links are served')]
          : [words(' changed the settings')];
    default:
      return [words(' recorded '), name(entry.action)];
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
  'upstream.removed': 'Account removed from Pool',
  'upstream.deleted': 'Account deleted',
  'smtp.settings_changed': 'Email settings changed',
  'settings.changed': 'Settings changed',
};
