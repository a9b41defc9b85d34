import { z } from 'zod';
import { ALERT_KINDS, type AlertKind } from './alerts';
import { emailAddress, plainText } from './fields';
import { inviteFilters } from './invites';
import { OPERATOR_ROLES } from './policy';

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

/** Settings → Accounts: what the console does when an account's owner must sign in again. */
const RELINK_AUTOMATION = ['off', 'link', 'link_and_email'] as const;
export type RelinkAutomation = (typeof RELINK_AUTOMATION)[number];
const relinkAutomation = z.enum(RELINK_AUTOMATION, {
  error: 'Choose do nothing, create a relink link, or create it and email the owner.',
});
const accountSettingsSchema = z.strictObject({ relinkAutomation });
export type AccountSettings = z.infer<typeof accountSettingsSchema>;

/** Settings → Alerts: which alerts are raised, and the capacity threshold (percent left in the best 5-hour window). */
export const alertSettingsSchema = z.strictObject({
  enabled: z.strictObject(
    Object.fromEntries(ALERT_KINDS.map((k) => [k, z.boolean({ error: 'Each alert is on or off.' })])) as Record<
      AlertKind,
      z.ZodBoolean
    >,
  ),
  capacityThresholdPercent: z
    .number({ error: 'The threshold must be a number.' })
    .int('The threshold must be a whole percent.')
    .min(1, 'The threshold must be between 1 and 99 %.')
    .max(99, 'The threshold must be between 1 and 99 %.'),
});
export type AlertSettings = z.infer<typeof alertSettingsSchema>;

export const DEFAULT_ACCOUNT_SETTINGS: AccountSettings = { relinkAutomation: 'off' };
export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  enabled: Object.fromEntries(ALERT_KINDS.map((k) => [k, true])) as Record<AlertKind, boolean>,
  capacityThresholdPercent: 10,
};

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
  accounts: accountSettingsSchema,
  alerts: alertSettingsSchema,
  /** What this operator may do: the desktop console's is an owner of every Pool; a team server's, as enrolled. */
  access: z.object({ role: z.enum(OPERATOR_ROLES), pools: z.array(z.string()).nullable() }),
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsChannels = {
  'settings.get': { input: z.strictObject({}), output: settingsSchema },
  'settings.updateOperator': { input: operatorProfileInput, output: settingsSchema },
  'settings.updateAppearance': { input: z.strictObject({ theme }), output: settingsSchema },
  'settings.updateInviteFilters': {
    input: z.strictObject({ filters: inviteFilters }),
    output: settingsSchema,
  },
  'settings.updateAccounts': { input: accountSettingsSchema, output: settingsSchema },
  'settings.updateAlerts': { input: alertSettingsSchema, output: settingsSchema },
} as const;
