import { z } from 'zod';
import { alertKind } from './alerts';
import { inviteId } from './invites';
import { poolId, poolStatus } from './pools';
import { timestamp } from './fields';
import { REACH_MODES, TUNNEL_PROGRAMS } from './reach';
import { SMTP_FAILURES } from './smtp';
import { OPERATOR_ROLES } from './policy';

export const AUDIT_ACTIONS = [
  'pool.created',
  'pool.updated',
  'invite.created',
  'invite.relink_created',
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
  'upstream.handed_off',
  'upstream.removed',
  'upstream.deleted',
  'smtp.settings_changed',
  'settings.changed',
  'onboarding.reach_changed',
  'onboarding.tunnel_started',
  'onboarding.tunnel_stopped',
  'onboarding.tunnel_failed',
  'alert.raised',
  'operator.added',
  'operator.enrolled',
  'operator.signed_in',
  'operator.sign_in_failed',
  'operator.revoked',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const ACTOR_KINDS = ['operator', 'invitee', 'system'] as const;
const AUDIT_TARGET_TYPES = ['pool', 'invite', 'upstream', 'settings', 'alert', 'operator'] as const;

const auditAction = z.enum(AUDIT_ACTIONS, { error: 'Unknown audit action.' });

const fromTo = <T extends z.ZodType>(value: T) => z.object({ from: value, to: value });
/** The invite an entry is about, by the facts that stay readable after the invite is gone. */
const invite = { email: z.string(), poolName: z.string() };
const account = { email: z.string() };

/**
 * What each action records: plain facts for the sentence and the timeline, never a secret
 * (token, URL, password). The core writes exactly these; the audit log shows them.
 */
/** A reach mode in one line: its mode, port and the one value that matters for it. */
const reachSummary = z.object({ mode: z.enum(REACH_MODES), port: z.number().int(), detail: z.string() });

const auditDetailSchemas = () =>
  ({
    'pool.created': z.object({ name: z.string(), slug: z.string() }),
    'pool.updated': z.object({
      name: z.string(),
      changes: z.object({ name: fromTo(z.string()).optional(), status: fromTo(poolStatus).optional() }),
    }),
    'invite.created': z.object({
      ...invite,
      expiresAt: timestamp,
      ttlSeconds: z.number().int(),
      emailRequested: z.boolean(),
    }),
    'invite.relink_created': z.object({
      ...invite,
      upstreamId: z.string(),
      expiresAt: timestamp,
      ttlSeconds: z.number().int(),
      emailRequested: z.boolean(),
    }),
    'invite.email_sent': z.object(invite),
    'invite.email_failed': z.object({ ...invite, error: z.enum(SMTP_FAILURES) }),
    'invite.reissued': z.object({ ...invite, expiresAt: timestamp, reissuedCount: z.number().int() }),
    'invite.revoked': z.object(invite),
    'invite.accepted': z.object({ ...invite, upstreamId: z.string() }),
    'invite.onboarding_failed': z.object({
      ...invite,
      reason: z.enum(['email_mismatch', 'account_mismatch']),
      accountEmail: z.string().nullable(),
    }),
    'upstream.linked': z.object({ ...invite, planType: z.string().nullable(), created: z.boolean() }),
    'upstream.refreshed': z.object(account),
    'upstream.refresh_failed': z.object({ ...account, reason: z.string(), permanent: z.boolean() }),
    /** `via`: the operator's in-console relink, or the owner's relink link (entries before it was recorded: absent). */
    'upstream.relinked': z.object({ ...account, via: z.enum(['console', 'link']).optional() }),
    'upstream.imported': z.object({ ...invite, created: z.boolean() }),
    /** `handedOver`: the console stopped refreshing it (absent on entries from before the choice existed). */
    'upstream.exported': z.object({ ...account, handedOver: z.boolean().optional() }),
    'upstream.handed_off': z.object(account),
    'upstream.removed': z.object({ ...account, poolName: z.string().nullable() }),
    'upstream.deleted': z.object(account),
    'smtp.settings_changed': z.object({
      changes: z.record(z.string(), fromTo(z.unknown())),
      password: z.enum(['replaced', 'cleared']).optional(),
    }),
    'settings.changed': z.discriminatedUnion('section', [
      z.object({ section: z.literal('operator'), changes: z.record(z.string(), fromTo(z.string().nullable())) }),
      z.object({
        section: z.enum(['accounts', 'alerts']),
        changes: z.record(z.string(), fromTo(z.unknown())),
      }),
      z.object({
        section: z.literal('onboarding'),
        changes: fromTo(z.object({ host: z.string(), port: z.number(), publicUrl: z.string() }).partial()),
      }),
    ]),
    'onboarding.reach_changed': fromTo(reachSummary),
    'onboarding.tunnel_started': z.object({ program: z.enum(TUNNEL_PROGRAMS), url: z.string() }),
    'onboarding.tunnel_stopped': z.object({ program: z.enum(TUNNEL_PROGRAMS) }),
    'onboarding.tunnel_failed': z.object({ program: z.enum(TUNNEL_PROGRAMS), reason: z.string() }),
    /** `count`: how many events one (coalesced) notification stood for; `title` is what it said. */
    'alert.raised': z.object({ kind: alertKind, count: z.number().int().positive(), title: z.string() }),
    'operator.added': z.object({ email: z.string(), role: z.enum(OPERATOR_ROLES), poolIds: z.array(z.string()) }),
    'operator.enrolled': z.object({ email: z.string() }),
    'operator.signed_in': z.object({ email: z.string(), with: z.enum(['code', 'recovery_code']) }),
    /** Never which part was wrong to the person signing in; here, for the owner reading the log. */
    'operator.sign_in_failed': z.object({
      email: z.string(),
      reason: z.enum(['password', 'code', 'locked', 'not_enrolled']),
      failures: z.number().int(),
    }),
    'operator.revoked': z.object({ email: z.string(), sessions: z.number().int() }),
  }) satisfies Record<AuditAction, z.ZodType>;

export type AuditDetails<A extends AuditAction> = z.infer<ReturnType<typeof auditDetailSchemas>[A]>;

const entryBase = {
  id: z.number().int().positive(),
  occurredAt: timestamp,
  actor: z.object({ kind: z.enum(ACTOR_KINDS), name: z.string() }),
  targetType: z.enum(AUDIT_TARGET_TYPES),
  targetId: z.string().nullable(),
  poolId: z.string().nullable(),
};

/** One audit entry; its `details` are typed by its `action`. */
export const auditEntrySchema = z.lazy(() => {
  const details = auditDetailSchemas();
  const entryOf = <A extends AuditAction>(action: A) =>
    z.object({ ...entryBase, action: z.literal(action), details: details[action] });
  return z.discriminatedUnion('action', [
    entryOf('pool.created'),
    entryOf('pool.updated'),
    entryOf('invite.created'),
    entryOf('invite.relink_created'),
    entryOf('invite.email_sent'),
    entryOf('invite.email_failed'),
    entryOf('invite.reissued'),
    entryOf('invite.revoked'),
    entryOf('invite.accepted'),
    entryOf('invite.onboarding_failed'),
    entryOf('upstream.linked'),
    entryOf('upstream.refreshed'),
    entryOf('upstream.refresh_failed'),
    entryOf('upstream.relinked'),
    entryOf('upstream.imported'),
    entryOf('upstream.exported'),
    entryOf('upstream.handed_off'),
    entryOf('upstream.removed'),
    entryOf('upstream.deleted'),
    entryOf('smtp.settings_changed'),
    entryOf('settings.changed'),
    entryOf('onboarding.reach_changed'),
    entryOf('onboarding.tunnel_started'),
    entryOf('onboarding.tunnel_stopped'),
    entryOf('onboarding.tunnel_failed'),
    entryOf('alert.raised'),
    entryOf('operator.added'),
    entryOf('operator.enrolled'),
    entryOf('operator.signed_in'),
    entryOf('operator.sign_in_failed'),
    entryOf('operator.revoked'),
  ]);
});

export type AuditEntry = z.infer<typeof auditEntrySchema>;

// The union above must list every action, once.
type Listed = AuditEntry['action'];
/** @public Checked by the compiler, never read. */
export const auditEntriesCoverEveryAction: [Exclude<AuditAction, Listed>] extends [never] ? true : never = true;

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
