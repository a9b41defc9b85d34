import { z } from 'zod';
import {
  networkAddressSchema,
  REACH_SCOPES,
  reachabilitySchema,
  reachInput,
  tunnelProgramInfoSchema,
  tunnelStateSchema,
} from './reach';
import { runtimeSettingSchema } from './settings';

const onboardingStatusSchema = z.object({
  state: z.enum(['listening', 'stopped', 'failed']),
  /** Where the listener actually listens (with its real port). */
  listeningOn: z.string().nullable(),
  /** What invite URLs start with. */
  publicUrl: z.string(),
  message: z.string().nullable(),
});

const onboardingSettingsSchema = z.object({
  host: runtimeSettingSchema,
  port: runtimeSettingSchema,
  publicUrl: runtimeSettingSchema,
  /** The operator's choice of how invitees reach this console. */
  reach: reachInput,
  /** Who can open a link made now. */
  scope: z.enum(REACH_SCOPES),
  /** Something the operator should know about the chosen mode (an address that went away). */
  notice: z.string().nullable(),
  status: onboardingStatusSchema,
  /** This machine's non-loopback addresses, for Local network. */
  addresses: z.array(networkAddressSchema),
  tunnels: z.array(tunnelProgramInfoSchema),
  /** The running tunnel, in Tunnel mode. */
  tunnel: tunnelStateSchema.nullable(),
  reachability: reachabilitySchema,
});
export type OnboardingSettings = z.infer<typeof onboardingSettingsSchema>;

export const onboardingChannels = {
  'onboarding.get': { input: z.strictObject({}), output: onboardingSettingsSchema },
  'onboarding.update': {
    input: z.strictObject({
      port: z
        .number({ error: 'Port must be a number.' })
        .int('Port must be a whole number.')
        .min(0, 'Port must be 0 to 65535.')
        .max(65535, 'Port must be 0 to 65535.'),
      reach: reachInput,
    }),
    output: onboardingSettingsSchema,
  },
  /** Checks the public address now (and looks for tunnel programs again). */
  'onboarding.check': { input: z.strictObject({}), output: onboardingSettingsSchema },
} as const;
