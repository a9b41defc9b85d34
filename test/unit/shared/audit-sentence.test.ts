import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, type AuditEntry } from '../../../shared/contract';
import { AUDIT_ACTION_LABELS, describeAuditEntry, sentenceText } from '../../../shared/format/audit-sentence';

function entry(action: AuditEntry['action'], details: Record<string, unknown>): AuditEntry {
  return {
    id: 1,
    occurredAt: 0,
    actor: { kind: 'operator', name: 'Ada' },
    action,
    targetType: 'pool',
    targetId: 'pool-1',
    poolId: 'pool-1',
    details,
  };
}

const text = (e: AuditEntry) => sentenceText(describeAuditEntry(e));

describe('describeAuditEntry', () => {
  it('reads like a sentence for Pool events', () => {
    expect(text(entry('pool.created', { name: 'Research' }))).toBe('Ada created the Pool Research');
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
  });

  it('reads like a sentence for invite events', () => {
    const details = { email: 'bob@example.com', poolName: 'Research' };
    expect(text(entry('invite.created', details))).toBe('Ada invited bob@example.com to the Pool Research');
    expect(text(entry('invite.reissued', details))).toBe(
      'Ada reissued the invite for bob@example.com to the Pool Research',
    );
    expect(text(entry('invite.revoked', details))).toBe(
      'Ada revoked the invite for bob@example.com to the Pool Research',
    );
    const accepted = {
      ...entry('invite.accepted', details),
      actor: { kind: 'invitee' as const, name: 'bob@example.com' },
    };
    expect(text(accepted)).toBe('bob@example.com accepted the invite to the Pool Research');
  });

  it('reads like a sentence for email events, naming the reason but never the password', () => {
    const system = { kind: 'system' as const, name: 'Pooler Console' };
    const details = { email: 'bob@example.com', poolName: 'Research' };
    expect(text({ ...entry('invite.email_sent', details), actor: system })).toBe(
      'Pooler Console emailed the invite to bob@example.com for the Pool Research',
    );
    expect(text({ ...entry('invite.email_failed', { ...details, error: 'auth_failed' }), actor: system })).toBe(
      'Pooler Console could not email the invite to bob@example.com: the SMTP server refused the username or password',
    );
    const smtp = (d: Record<string, unknown>) => ({
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
    const details = { email: 'bob@example.com', poolName: 'Research' };
    expect(
      text({ ...entry('invite.onboarding_failed', { ...details, reason: 'email_mismatch' }), actor: invitee }),
    ).toBe(
      'mallory@example.com approved the invite for bob@example.com to the Pool Research, but the emails do not match',
    );
    expect(text({ ...entry('upstream.linked', details), actor: { ...invitee, name: 'bob@example.com' } })).toBe(
      'bob@example.com linked their Codex account to the Pool Research',
    );
    expect(text({ ...entry('settings.changed', { section: 'onboarding' }), targetType: 'settings' })).toBe(
      'Ada changed where invite links are served',
    );
  });

  it('emphasises the actor and the names, and nothing else', () => {
    const parts = describeAuditEntry(entry('pool.updated', { changes: { name: { from: 'A', to: 'B' } } }));
    expect(parts.filter((p) => p.emphasis).map((p) => p.text)).toEqual(['Ada', 'A', 'B']);
  });

  it('describes settings changes and survives details it does not understand', () => {
    expect(text({ ...entry('settings.changed', { section: 'operator' }), targetType: 'settings' })).toBe(
      'Ada updated the operator profile',
    );
    expect(text(entry('pool.created', {}))).toBe('Ada created the Pool unnamed');
    expect(text(entry('pool.updated', { changes: 'garbage' }))).toBe('Ada updated the Pool unnamed');
  });

  it('has a filter label for every action', () => {
    expect(Object.keys(AUDIT_ACTION_LABELS).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });
});
