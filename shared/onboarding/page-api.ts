// No zod here: the invite page imports this file and must stay small (the schemas: page-requests.ts).

/** Invite tokens are 43 base64url characters; anything else is not worth a lookup. */
export const INVITE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** POST …/browser answers this: the only part of a browser sign-in the page ever holds. */
export interface BrowserStart {
  authorizeUrl: string;
  /** Unix ms: paste within this (reference §11.8, 10 minutes). */
  expiresAt: number;
}

/** The longest paste the console reads; longer is refused unread (reference §11.9 rule 1). */
export const PASTE_MAX_CHARS = 4096;

/** Why a paste was not taken; none of them changes anything. */
export const PASTE_ERRORS = {
  state_mismatch:
    'This address belongs to another sign-in. Use "Sign in in your browser" again, then paste the new address.',
  not_callback_url:
    'This is not the sign-in result. Paste the address of the page you landed on after signing in (it starts with http://localhost:1455/auth/callback).',
  not_a_code: 'That does not look like a sign-in code. Paste the whole address of the page you landed on.',
  missing_result:
    'That address holds no sign-in result. Paste the whole address of the page you landed on after signing in.',
  duplicate_param: 'That address is not one OpenAI sends. Paste it exactly as the address bar shows it.',
  too_long: 'That is far too long for a sign-in address.',
  no_attempt: 'Start with "Sign in in your browser" first, then paste the address you land on.',
  attempt_expired: 'This sign-in took too long or was already used. Use "Sign in in your browser" again.',
  code_rejected: 'OpenAI did not accept that sign-in: it may have been used or expired. Sign in again.',
  openai_unavailable: 'OpenAI could not be reached. Sign in again in a moment.',
} as const;
export type PasteError = keyof typeof PASTE_ERRORS;
