import { z } from 'zod';
import { PASTE_MAX_CHARS } from './page-api';

/**
 * POST …/start. `again`: the invitee pressed "Start again with a new code" while a code is still
 * pending; without it, a pending code is shown again rather than replaced.
 */
export const startRequest = z.strictObject({
  again: z.boolean({ error: 'again must be true or false.' }).optional(),
});
export type StartRequest = z.output<typeof startRequest>;

/** POST …/browser/paste: what the invitee pasted, the whole address or the bare code. */
export const pasteRequest = z.strictObject({
  text: z
    .string({ error: 'Paste the address as text.' })
    .max(PASTE_MAX_CHARS * 2, 'That is far too long for a sign-in address.'),
});
