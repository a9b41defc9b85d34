import { z } from 'zod';
import { downloadChannel } from './download';
import { prefixedId, secretText, timestamp } from './fields';
import { inviteExpiry, issuedInviteSchema } from './invites';
import { PASTE_MAX_CHARS } from '../onboarding/page-api';
import { poolId } from './pools';

const upstreamId = prefixedId('upstream', 'Account');

/**
 * Stored states, plus `refresh_due` (ready, but the access token expires within 5 minutes) and
 * `handed_off` (its auth.json was handed over: the console no longer refreshes it).
 */
export const CREDENTIAL_STATES = [
  'pending',
  'ready',
  'refresh_due',
  'refresh_failed',
  'reauth_required',
  'handed_off',
] as const;
const credentialState = z.enum(CREDENTIAL_STATES, {
  error: 'State must be pending, ready, refresh_due, refresh_failed, reauth_required or handed_off.',
});
export type CredentialState = z.infer<typeof credentialState>;

const quotaWindowSchema = z.object({
  /** The window's length as the usage endpoint reports it; labels come from this, not the slot. */
  seconds: z.number().int().positive(),
  usedPercent: z.number().min(0).max(100),
  resetAt: timestamp.nullable(),
});
export type QuotaWindow = z.infer<typeof quotaWindowSchema>;

const upstreamQuotaSchema = z.object({
  windows: z.array(quotaWindowSchema),
  limitReached: z.boolean(),
  /** When the windows were read; null before the first successful probe. */
  observedAt: timestamp.nullable(),
  checkedAt: timestamp.nullable(),
  /** Why the latest attempt failed (the windows shown are then older), or null. */
  error: z.string().nullable(),
});
export type UpstreamQuota = z.infer<typeof upstreamQuotaSchema>;

const upstreamRowSchema = z.object({
  id: z.string(),
  email: z.string(),
  planType: z.string().nullable(),
  accountId: z.string(),
  pools: z.array(z.object({ id: z.string(), name: z.string(), status: z.string() })),
  credentialState,
  credentialReason: z.string().nullable(),
  accessTokenExpiresAt: timestamp.nullable(),
  lastRefreshAt: timestamp.nullable(),
  /** A refresh or relink is running for this account right now. */
  busy: z.boolean(),
  /** Its owner must sign in again (see `needsRelink`): a relink link can be issued. */
  needsRelink: z.boolean(),
  /** When it was handed over (its auth.json exported to live elsewhere), or null. */
  handedOffAt: timestamp.nullable(),
  /** The latest export of the tokens it holds now, or null: a `refresh_token_reused` after it is explained. */
  lastExportAt: timestamp.nullable(),
  /** The account's active relink link, if one is out. */
  relinkLink: z.object({ inviteId: z.string(), expiresAt: timestamp }).nullable(),
  quota: upstreamQuotaSchema,
  createdAt: timestamp,
});
export type UpstreamRow = z.infer<typeof upstreamRowSchema>;

// JWTs are three base64url parts; refresh tokens are opaque but printable without spaces.
const TOKEN_MAX = 8192;
const tokenText = (label: string, shape: RegExp) =>
  z
    .string({ error: `${label} must be text.` })
    .min(1, `${label} is required.`)
    .max(TOKEN_MAX, `${label} must be ${TOKEN_MAX} characters or fewer.`)
    .regex(shape, `${label} is not in the format Codex writes.`);
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const OPAQUE = /^[A-Za-z0-9._~+/=-]+$/;

const MODE_NAME = /^[A-Za-z]{1,40}$/;

/**
 * What kind of login a file holds, checked before anything else so a refusal names the real
 * reason: an API-key login, another sign-in mode, or a file that is no Codex login at all.
 */
const loginKind = z.unknown().check((ctx) => {
  const refuse = (path: string[], message: string) =>
    void ctx.issues.push({ code: 'custom', input: ctx.value, path, message });
  if (typeof ctx.value !== 'object' || ctx.value === null || Array.isArray(ctx.value)) {
    return refuse([], 'This file is not a Codex auth.json: it is not a JSON object.');
  }
  const { auth_mode: mode, OPENAI_API_KEY: apiKey, tokens } = ctx.value as Record<string, unknown>;
  if (mode !== undefined && mode !== 'chatgpt') {
    const which = typeof mode === 'string' && MODE_NAME.test(mode) ? `"${mode}"` : 'another kind of';
    refuse(['auth_mode'], `This auth.json is for ${which} sign-in; only ChatGPT logins can join a Pool.`);
  } else if (apiKey !== undefined) {
    refuse(['OPENAI_API_KEY'], 'This auth.json holds an API key; only ChatGPT logins can join a Pool.');
  } else if (typeof tokens !== 'object' || tokens === null || Object.keys(tokens).length === 0) {
    refuse(['tokens'], 'This file is not a Codex auth.json: it holds no ChatGPT sign-in.');
  }
});

/**
 * The fields of a Codex CLI auth.json (reference §5) the console reads, with nulls left out:
 * `pickAuthJsonFields` makes this from a parsed file.
 */
const authJsonFields = z.strictObject({
  auth_mode: z
    .string({ error: 'auth_mode must be text.' })
    .max(40, 'auth_mode is not a known mode.')
    .regex(/^[A-Za-z]+$/, 'auth_mode is not a known mode.')
    .optional(),
  tokens: z.strictObject({
    id_token: tokenText('id_token', JWT),
    access_token: tokenText('access_token', JWT),
    refresh_token: tokenText('refresh_token', OPAQUE),
    account_id: z
      .string({ error: 'account_id must be text.' })
      .max(100, 'account_id is not an account id.')
      .regex(/^[A-Za-z0-9_-]+$/, 'account_id is not an account id.')
      .optional(),
  }),
  last_refresh: z
    .string({ error: 'last_refresh must be text.' })
    .max(40, 'last_refresh must be an RFC 3339 time.')
    .regex(/^[0-9T:.+Z-]+$/, 'last_refresh must be an RFC 3339 time.')
    .optional(),
});
export const authJsonFileSchema = loginKind.pipe(authJsonFields);
export type AuthJsonFile = z.infer<typeof authJsonFileSchema>;

/**
 * The fields the console reads from a parsed auth.json, nulls dropped, everything else (newer
 * keys Codex may add) left behind. Validation is the contract's job; this only selects.
 */
export function pickAuthJsonFields(parsed: unknown): unknown {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return parsed;
  const file = parsed as Record<string, unknown>;
  const tokens = (typeof file.tokens === 'object' && file.tokens !== null ? file.tokens : {}) as Record<
    string,
    unknown
  >;
  const pick = (from: Record<string, unknown>, keys: string[]) =>
    Object.fromEntries(keys.filter((k) => from[k] !== null && from[k] !== undefined).map((k) => [k, from[k]]));
  return {
    ...pick(file, ['auth_mode', 'OPENAI_API_KEY', 'last_refresh']),
    tokens: pick(tokens, ['id_token', 'access_token', 'refresh_token', 'account_id']),
  };
}

/** Why a relink ended without new tokens. */
const RELINK_FAILURES = [
  'code_expired',
  'denied',
  /** The browser sign-in answered that the account has no Codex entitlement (reference §11.7). */
  'codex_not_enabled',
  'account_mismatch',
  'openai_unavailable',
  'console_unavailable',
  'cancelled',
  /** The owner reconnected the account through a relink link first. */
  'relinked_by_link',
] as const;
export type RelinkFailure = (typeof RELINK_FAILURES)[number];

export const relinkStateSchema = z.object({
  upstreamId: z.string(),
  state: z.enum(['pending', 'connected', 'failed']),
  /** How the owner signs in: approving a device code, or in a browser with the address pasted back. */
  via: z.enum(['code', 'browser']),
  userCode: z.string().nullable(),
  verificationUrl: z.string().nullable(),
  expiresAt: timestamp.nullable(),
  failure: z.enum(RELINK_FAILURES).nullable(),
  /** For account_mismatch: who approved instead. */
  approvedEmail: z.string().nullable(),
});
export type RelinkState = z.infer<typeof relinkStateSchema>;

const byId = z.strictObject({ id: upstreamId });

export const upstreamsChannels = {
  'upstreams.list': {
    input: z.strictObject({ poolId: poolId.optional(), state: credentialState.optional() }),
    output: z.object({ upstreams: z.array(upstreamRowSchema) }),
  },
  'upstreams.refresh': { input: byId, output: upstreamRowSchema },
  'upstreams.checkQuota': { input: byId, output: upstreamRowSchema },
  'upstreams.removeFromPool': {
    input: z.strictObject({
      id: upstreamId,
      poolId,
      /** Removing it from its last Pool: also delete the account and its stored tokens. */
      deleteAccount: z.boolean({ error: 'Delete account must be true or false.' }),
    }),
    output: z.object({ deleted: z.boolean() }),
  },
  'upstreams.exportAuth': downloadChannel(
    z.strictObject({
      id: upstreamId,
      /**
       * Hand the account over (the console stops refreshing it, so the exported refresh token
       * stays the only live one) or keep a copy (both sides refresh; one of them will break).
       */
      handOver: z.boolean({ error: 'Hand over must be true or false.' }),
    }),
  ),
  'upstreams.importAuth': {
    input: z.strictObject({ poolId, file: authJsonFileSchema }),
    output: upstreamRowSchema,
  },
  'upstreams.relinkStart': { input: byId, output: relinkStateSchema },
  /** A one-time link for the account's owner to sign in again; shown once, like an invite's. */
  'upstreams.relinkLink': {
    input: z.strictObject({
      id: upstreamId,
      expiry: inviteExpiry,
      sendEmail: z.boolean({ error: 'Send email must be true or false.' }),
    }),
    output: issuedInviteSchema,
  },
  'upstreams.relinkCancel': { input: byId, output: relinkStateSchema },
  /** The browser way of relinking (reference §11): only the authorize URL comes back. */
  'upstreams.relinkBrowserStart': {
    input: byId,
    output: z.object({ authorizeUrl: z.string(), expiresAt: timestamp }),
  },
  /** The address the browser landed on after signing in, or the bare code; never echoed back. */
  'upstreams.relinkBrowserPaste': {
    input: z.strictObject({
      id: upstreamId,
      // Opaque like a secret (it holds the sign-in code): trimmed, no line breaks inside.
      text: z.string({ error: 'Paste the address as text.' }).trim().pipe(secretText('The address', PASTE_MAX_CHARS)),
    }),
    output: relinkStateSchema,
  },
} as const;
