/** Every error code a channel can return. The renderer switches on these, never on messages. */
export const ERROR_CODES = [
  'validation_failed',
  'not_found',
  'forbidden',
  'unauthorized',
  'unknown_channel',
  'internal_error',
  'keychain_unavailable',
  'pool_name_taken',
  'pool_archived',
  'pool_not_active',
  'invite_exists',
  'not_active',
  'smtp_not_configured',
  'not_supported',
  'openai_unavailable',
  'storage_full',
  'tunnel_failed',
  /** A pasted sign-in result belongs to another sign-in attempt. */
  'state_mismatch',
  /** Too many failed attempts: wait as the message says. */
  'rate_limited',
  /** The team server does not answer: the last lists seen stay readable, changes wait. */
  'server_unreachable',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  /** Field path (dot-joined) → a sentence about that field. */
  fields?: Record<string, string>;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody };
