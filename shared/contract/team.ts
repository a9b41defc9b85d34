import { z } from 'zod';
import { emailAddress, secretText, timestamp } from './fields';
import { secondFactor } from './operators';
import { OPERATOR_ROLES } from './policy';

/** A team server's address: https (or http on this machine, for trying one out), nothing after the host and path. */
const teamServerUrl = z
  .string({ error: 'The server address must be text.' })
  .trim()
  .min(1, 'The server address is required.')
  .max(2_000, 'The server address is too long.')
  .refine((value) => {
    try {
      const url = new URL(value);
      const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
      return (url.protocol === 'https:' || (url.protocol === 'http:' && local)) && !url.search && !url.hash;
    } catch {
      return false;
    }
  }, 'Use the https:// address of the team server, like https://console.example.com.');

/**
 * Where this desktop console's data lives: its own store (`local`), a team server it is signed
 * in to (`connected`), or that server while it does not answer (`offline`: the last lists seen
 * stay readable, changes are refused).
 */
export const teamStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('local') }),
  z.object({
    state: z.enum(['connected', 'offline']),
    url: z.string(),
    email: z.string(),
    role: z.enum(OPERATOR_ROLES),
    /** When the server stopped answering; null while it answers. */
    offlineSince: timestamp.nullable(),
  }),
]);
export type TeamStatus = z.infer<typeof teamStatusSchema>;

export const teamChannels = {
  'team.status': { input: z.strictObject({}), output: teamStatusSchema },
  'team.connect': {
    input: z.strictObject({
      url: teamServerUrl,
      email: emailAddress(),
      password: secretText('Password', 1_024),
      code: secondFactor,
    }),
    output: teamStatusSchema,
  },
  'team.disconnect': { input: z.strictObject({}), output: teamStatusSchema },
} as const;
