import { z } from 'zod';
import { emailAddress, plainText } from './fields';
import { inviteFilters } from './invites';

const THEMES = ['system', 'light', 'dark'] as const;
const theme = z.enum(THEMES, { error: 'Theme must be system, light or dark.' });
export type Theme = z.infer<typeof theme>;

export const operatorProfileInput = z.strictObject({
  displayName: plainText('Display name', 80),
  email: emailAddress('Email'),
});

const operatorProfileSchema = z.object({ displayName: z.string(), email: z.string() });
export type OperatorProfile = z.infer<typeof operatorProfileSchema>;

/** A runtime setting and where its effective value comes from (SPEC §9). */
export const runtimeSettingSchema = z.object({
  env: z.string(),
  label: z.string(),
  value: z.string(),
  source: z.enum(['environment', 'settings', 'default']),
});
export type RuntimeSetting = z.infer<typeof runtimeSettingSchema>;

const settingsSchema = z.object({
  /** Null until the operator has completed first-run setup. */
  operator: operatorProfileSchema.nullable(),
  /** Prefill for first-run setup, from the OS user name. */
  suggestedDisplayName: z.string(),
  theme,
  runtime: z.array(runtimeSettingSchema),
  /** The Invites page's filters, kept across restarts. */
  inviteFilters,
  /** Enabled, with host, port and from address: invite email can be sent. */
  smtpConfigured: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsChannels = {
  'settings.get': { input: z.strictObject({}), output: settingsSchema },
  'settings.updateOperator': { input: operatorProfileInput, output: settingsSchema },
  'settings.updateAppearance': { input: z.strictObject({ theme }), output: settingsSchema },
  'settings.updateInviteFilters': { input: z.strictObject({ filters: inviteFilters }), output: settingsSchema },
} as const;
