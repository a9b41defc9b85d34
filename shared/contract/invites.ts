import { z } from 'zod';
import { downloadChannel } from './download';
import { CONTROL_CHARS, DIRECTION_CONTROLS, emailAddress, MARKUP, prefixedId, timestamp } from './fields';
import { poolId, poolStatus } from './pools';

export const INVITE_STATUSES = ['active', 'accepted', 'expired', 'revoked'] as const;
export type InviteStatus = (typeof INVITE_STATUSES)[number];
const inviteStatus = z.enum(INVITE_STATUSES, { error: 'Status must be active, accepted, expired or revoked.' });

/** The expiry choices the create dialog offers, and how long each lasts. */
/** An invite brings a new account into a Pool; a relink link restores an existing account's sign-in. */
export const INVITE_KINDS = ['invite', 'relink'] as const;
export type InviteKind = (typeof INVITE_KINDS)[number];
const inviteKind = z.enum(INVITE_KINDS, { error: 'Kind must be invite or relink.' });

export const INVITE_EXPIRIES = { '1h': 3600, '24h': 86_400, '7d': 7 * 86_400, '30d': 30 * 86_400 } as const;
export type InviteExpiry = keyof typeof INVITE_EXPIRIES;
export const DEFAULT_INVITE_EXPIRY: InviteExpiry = '24h';
export const inviteExpiry = z.enum(Object.keys(INVITE_EXPIRIES) as [InviteExpiry, ...InviteExpiry[]], {
  error: 'Expiry must be 1 hour, 24 hours, 7 days or 30 days.',
});

export const inviteId = prefixedId('invite', 'Invite');

const SEARCH_MAX = 254;

/** The email search box: a case-insensitive substring; empty means no search. */
export const inviteSearch = z
  .string({ error: 'Search must be text.' })
  .trim()
  .toLowerCase()
  .max(SEARCH_MAX, `Search must be ${SEARCH_MAX} characters or fewer.`)
  .refine((v) => !CONTROL_CHARS.test(v) && !DIRECTION_CONTROLS.test(v), 'Search cannot contain control characters.')
  .refine((v) => !MARKUP.test(v), 'Search cannot contain < or >.');

const inviteFiltersShape = {
  poolId: poolId.optional(),
  status: inviteStatus.optional(),
  kind: inviteKind.optional(),
  search: inviteSearch.optional(),
};
export const inviteFilters = z.strictObject(inviteFiltersShape);
export type InviteFilters = z.output<typeof inviteFilters>;

const EMAIL_DELIVERY = ['not_requested', 'sent', 'failed', 'pending'] as const;

/** One row of the invites table. Times are Unix milliseconds. */
const inviteRowSchema = z.object({
  id: z.string(),
  kind: inviteKind,
  poolId: z.string(),
  poolName: z.string(),
  poolStatus,
  email: z.string(),
  status: inviteStatus,
  createdAt: timestamp,
  createdBy: z.string(),
  expiresAt: timestamp,
  acceptedAt: timestamp.nullable(),
  acceptedByEmail: z.string().nullable(),
  /** The account it linked (an accepted invite) or restores (a relink link, from the start). */
  upstreamId: z.string().nullable(),
  revokedAt: timestamp.nullable(),
  emailDelivery: z.enum(EMAIL_DELIVERY),
  emailSentAt: timestamp.nullable(),
  emailError: z.string().nullable(),
  reissuedCount: z.number().int().nonnegative(),
  /** Where its link points (scheme, host, port); null for invites issued before it was recorded. */
  linkBase: z.string().nullable(),
});
export type InviteRow = z.infer<typeof inviteRowSchema>;

const unixSeconds = z.number().int().nonnegative();

/** `invites.retrieve`: shaped like OpenAI's Admin API invite, times in Unix seconds. Never a token. */
const retrievedInviteSchema = z.object({
  object: z.literal('pool.invite'),
  id: z.string(),
  kind: inviteKind,
  email: z.string(),
  status: inviteStatus,
  created_at: unixSeconds,
  expires_at: unixSeconds,
  accepted_at: unixSeconds.nullable(),
  pool: z.object({ id: z.string(), name: z.string(), status: poolStatus }),
  invited_by: z.string(),
  revoked_at: unixSeconds.nullable(),
  email_sent_at: unixSeconds.nullable(),
  email_error: z.string().nullable(),
  accepted_by_email: z.string().nullable(),
  upstream_id: z.string().nullable(),
  /** Where its link points (scheme, host, port); null for invites from before it was recorded. */
  link_base: z.string().nullable(),
});
export type RetrievedInvite = z.infer<typeof retrievedInviteSchema>;

/** What create and reissue return: the one and only time the URL is ever shown. */
export const issuedInviteSchema = z.object({
  invite: inviteRowSchema,
  url: z.string(),
  email: z.object({ outcome: z.enum(['not_requested', 'sent', 'failed']), reason: z.string().nullable() }),
});
export type IssuedInvite = z.infer<typeof issuedInviteSchema>;

const INVITE_PAGE_MAX = 200;
const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const invitesChannels = {
  'invites.list': {
    input: z.strictObject({
      ...inviteFiltersShape,
      /** Keyset cursor from the previous page's `nextCursor`. */
      cursor: z.number({ error: 'Cursor must be a number.' }).int().positive().optional(),
      limit: z.number({ error: 'Limit must be a number.' }).int().min(1).max(INVITE_PAGE_MAX).optional(),
    }),
    output: z.object({
      invites: z.array(inviteRowSchema),
      /**
       * Where to continue, or null at the end. A search page may hold fewer rows than asked
       * (even none) with a cursor: each call scans a bounded stretch of history.
       */
      nextCursor: z.number().int().positive().nullable(),
    }),
  },
  'invites.get': { input: z.strictObject({ id: inviteId }), output: inviteRowSchema },
  'invites.retrieve': {
    input: z.strictObject({ id: inviteId }),
    output: retrievedInviteSchema,
  },
  'invites.create': {
    input: z.strictObject({
      poolId,
      email: emailAddress('Codex account email'),
      expiry: inviteExpiry,
      sendEmail: z.boolean({ error: 'Send email must be true or false.' }),
    }),
    output: issuedInviteSchema,
  },
  'invites.reissue': { input: z.strictObject({ id: inviteId }), output: issuedInviteSchema },
  'invites.revoke': { input: z.strictObject({ id: inviteId }), output: inviteRowSchema },
  'invites.export': downloadChannel(
    z.strictObject({
      format: z.enum(EXPORT_FORMATS, { error: 'Format must be csv or json.' }),
      filters: inviteFilters,
    }),
  ),
} as const;
