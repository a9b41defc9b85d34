import { z } from 'zod';
import { inviteId } from './invites';
import { poolId } from './pools';
import { timestamp } from './fields';

export const AUDIT_ACTIONS = [
  'pool.created',
  'pool.updated',
  'invite.created',
  'invite.email_sent',
  'invite.email_failed',
  'invite.reissued',
  'invite.revoked',
  'invite.accepted',
  'invite.onboarding_failed',
  'upstream.linked',
  'upstream.refreshed',
  'upstream.refresh_failed',
  'upstream.relinked',
  'upstream.imported',
  'upstream.exported',
  'upstream.removed',
  'upstream.deleted',
  'smtp.settings_changed',
  'settings.changed',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const ACTOR_KINDS = ['operator', 'invitee', 'system'] as const;
export const AUDIT_TARGET_TYPES = ['pool', 'invite', 'upstream', 'settings'] as const;

export const auditAction = z.enum(AUDIT_ACTIONS, { error: 'Unknown audit action.' });

/** Details are plain JSON values that never include secrets (tokens, URLs, passwords). */
export const auditDetailsSchema = z.record(z.string(), z.unknown());

export const auditEntrySchema = z.object({
  id: z.number().int().positive(),
  occurredAt: timestamp,
  actor: z.object({ kind: z.enum(ACTOR_KINDS), name: z.string() }),
  action: auditAction,
  targetType: z.enum(AUDIT_TARGET_TYPES),
  targetId: z.string().nullable(),
  poolId: z.string().nullable(),
  details: auditDetailsSchema,
});

export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const AUDIT_PAGE_MAX = 200;

export const auditChannels = {
  'audit.list': {
    input: z.strictObject({
      action: auditAction.optional(),
      poolId: poolId.optional(),
      /** One invite's timeline, for its details drawer. */
      inviteId: inviteId.optional(),
      /** Keyset cursor: return entries older than this id. */
      cursor: z.number({ error: 'Cursor must be a number.' }).int().positive().optional(),
      limit: z.number({ error: 'Limit must be a number.' }).int().min(1).max(AUDIT_PAGE_MAX).optional(),
    }),
    output: z.object({
      entries: z.array(auditEntrySchema),
      nextCursor: z.number().int().positive().nullable(),
    }),
  },
} as const;
