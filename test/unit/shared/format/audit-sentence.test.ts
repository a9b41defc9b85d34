import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTIONS,
  auditEntrySchema,
  type AuditAction,
  type AuditDetails,
  type AuditEntry,
} from '../../../../shared/contract';
import { AUDIT_ACTION_LABELS, describeAuditEntry, sentenceText } from '../../../../shared/format/audit-sentence';

function entry<A extends AuditAction>(action: A, details: AuditDetails<A>): AuditEntry {
  return {
    id: 1,
    occurredAt: 0,
    actor: { kind: 'operator', name: 'Ada' },
    action,
    targetType: 'pool',
    targetId: 'pool-1',
    poolId: 'pool-1',
    details,
  } as AuditEntry;
}

const text = (e: AuditEntry) => sentenceText(describeAuditEntry(e));
const invite = { email: 'bob@example.com', poolName: 'Research' };

describe('describeAuditEntry', () => {
  it('reads like a sentence for Pool events', () => {
    expect(text(entry('pool.created', { name: 'Research', slug: 'research' }))).toBe('Ada created the Pool Research');
    expect(text(entry('pool.updated', { name: 'Lab', changes: { name: { from: 'Research', to: 'Lab' } } }))).toBe(
      'Ada renamed the Pool Research to Lab',
    );
    expect(text(entry('pool.updated', { name: 'Lab', changes: { status: { from: 'active', to: 'disabled' } } }))).toBe(
      'Ada disabled the Pool Lab',
    );
    expect(text(entry('pool.updated', { name: 'Lab', changes: { status: { from: 'disabled', to: 'active' } } }))).toBe(
      'Ada enabled the Pool Lab',
    );
    expect(text(entry('pool.updated', { name: 'Lab', changes: { status: { from: 'active', to: 'archived' } } }))).toBe(
      'Ada archived the Pool Lab',
    );
    expect(text(entry('pool.updated', { name: 'Lab', changes: {} }))).toBe('Ada updated the Pool Lab');
  });

  it('reads like a sentence for invite events', () => {
    const created = { ...invite, expiresAt: 1, ttlSeconds: 86_400, emailRequested: false };
    expect(text(entry('invite.created', created))).toBe('Ada invited bob@example.com to the Pool Research');
    expect(text(entry('invite.reissued', { ...invite, expiresAt: 1, reissuedCount: 1 }))).toBe(
      'Ada reissued the invite for bob@example.com to the Pool Research',
    );
    expect(text(entry('invite.revoked', invite))).toBe(
      'Ada revoked the invite for bob@example.com to the Pool Research',
    );
    const accepted = {
      ...entry('invite.accepted', { ...invite, upstreamId: 'upstream-1' }),
      actor: { kind: 'invitee' as const, name: 'bob@example.com' },
    };
    expect(text(accepted)).toBe('bob@example.com accepted the invite to the Pool Research');
  });

  it('reads like a sentence for email events, naming the reason but never the password', () => {
    const system = { kind: 'system' as const, name: 'Pooler Console' };
    expect(text({ ...entry('invite.email_sent', invite), actor: system })).toBe(
      'Pooler Console emailed the invite to bob@example.com for the Pool Research',
    );
    expect(text({ ...entry('invite.email_failed', { ...invite, error: 'auth_failed' }), actor: system })).toBe(
      'Pooler Console could not email the invite to bob@example.com: the SMTP server refused the username or password',
    );
    const smtp = (d: AuditDetails<'smtp.settings_changed'>) => ({
      ...entry('smtp.settings_changed', d),
      targetType: 'settings' as const,
    });
    expect(text(smtp({ changes: { host: { from: '', to: 'smtp.example.com' } } }))).toBe(
      'Ada changed the email (SMTP) settings',
    );
    expect(text(smtp({ changes: {}, password: 'replaced' }))).toBe(
      'Ada changed the email (SMTP) settings and replaced the password',
    );
  });

  it('reads like a sentence for onboarding events', () => {
    const invitee = { kind: 'invitee' as const, name: 'mallory@example.com' };
    expect(
      text({
        ...entry('invite.onboarding_failed', { ...invite, reason: 'email_mismatch', accountEmail: invitee.name }),
        actor: invitee,
      }),
    ).toBe(
      'mallory@example.com approved the invite for bob@example.com to the Pool Research, but the emails do not match',
    );
    const linked = entry('upstream.linked', { ...invite, planType: 'plus', created: true });
    expect(text({ ...linked, actor: { ...invitee, name: 'bob@example.com' } })).toBe(
      'bob@example.com linked their Codex account to the Pool Research',
    );
    const listener = entry('settings.changed', { section: 'onboarding', changes: { from: {}, to: { port: 7420 } } });
    expect(text({ ...listener, targetType: 'settings' })).toBe('Ada changed where invite links are served');
  });

  it('emphasises the actor and the names, and nothing else', () => {
    const parts = describeAuditEntry(entry('pool.updated', { name: 'B', changes: { name: { from: 'A', to: 'B' } } }));
    expect(parts.filter((p) => p.emphasis).map((p) => p.text)).toEqual(['Ada', 'A', 'B']);
  });

  it('describes settings changes', () => {
    const operator = entry('settings.changed', {
      section: 'operator',
      changes: { displayName: { from: null, to: 'Ada' } },
    });
    expect(text({ ...operator, targetType: 'settings' })).toBe('Ada updated the operator profile');
  });

  it('the contract refuses an entry whose details do not fit its action', () => {
    const base = { id: 1, occurredAt: 0, actor: { kind: 'operator', name: 'Ada' }, targetType: 'pool' };
    const parse = (action: string, details: unknown) =>
      auditEntrySchema.safeParse({ ...base, targetId: null, poolId: null, action, details }).success;
    expect(parse('pool.created', { name: 'Research', slug: 'research' })).toBe(true);
    expect(parse('pool.created', {})).toBe(false);
    expect(parse('pool.updated', { name: 'Lab', changes: 'garbage' })).toBe(false);
    expect(parse('invite.email_failed', { ...invite, error: 'a stack trace' })).toBe(false);
  });

  it('has a filter label for every action', () => {
    expect(Object.keys(AUDIT_ACTION_LABELS).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });
});
