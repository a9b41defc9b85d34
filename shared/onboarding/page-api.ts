import { z } from 'zod';

/** Invite tokens are 43 base64url characters; anything else is not worth a lookup. */
export const INVITE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * POST …/start. `again`: the invitee pressed "Start again with a new code" while a code is still
 * pending; without it, a pending code is shown again rather than replaced.
 */
export const startRequest = z.strictObject({
  again: z.boolean({ error: 'again must be true or false.' }).optional(),
});
export type StartRequest = z.output<typeof startRequest>;
