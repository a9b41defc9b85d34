import { z } from 'zod';

const keychainStatusSchema = z.object({
  available: z.boolean(),
  /** Where the data key is kept: the OS keychain, or a file (`POOLER_DATA_KEY_FILE`, a server without a keychain). */
  store: z.enum(['keychain', 'file']),
  /** The keychain's service name, or the key file's path. */
  service: z.string(),
  /** Plain sentence for the operator when unavailable. */
  reason: z.string().nullable(),
});
export type KeychainStatus = z.infer<typeof keychainStatusSchema>;

const appStatusSchema = z.object({
  version: z.string(),
  dataDir: z.string(),
  keychain: keychainStatusSchema,
  /**
   * The database's automatic backups (daily, and before each migration); the newest seven are
   * kept. Null on a team server's PostgreSQL, which is backed up with its own tools (pg_dump).
   */
  backups: z.object({ folder: z.string(), count: z.number().int(), newestAt: z.number().int().nullable() }).nullable(),
});
export type AppStatus = z.infer<typeof appStatusSchema>;

export const appChannels = {
  'app.status': { input: z.strictObject({}), output: appStatusSchema },
} as const;
