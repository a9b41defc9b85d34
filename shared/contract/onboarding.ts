import { z } from 'zod';
import { HOST_NAME, optionalText } from './fields';
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
  status: onboardingStatusSchema,
});
export type OnboardingSettings = z.infer<typeof onboardingSettingsSchema>;

export const onboardingChannels = {
  'onboarding.get': { input: z.strictObject({}), output: onboardingSettingsSchema },
  'onboarding.update': {
    input: z.strictObject({
      host: z
        .string({ error: 'Host must be text.' })
        .trim()
        .min(1, 'Host is required.')
        .max(253, 'Host must be 253 characters or fewer.')
        .refine((v) => HOST_NAME.test(v), 'Host must be a host name or IP address, like 127.0.0.1.'),
      port: z
        .number({ error: 'Port must be a number.' })
        .int('Port must be a whole number.')
        .min(0, 'Port must be 0 to 65535.')
        .max(65535, 'Port must be 0 to 65535.'),
      /** Empty: derive it from the host and port. */
      publicUrl: optionalText('Public URL', 300).refine((v) => {
        if (v === '') return true;
        try {
          const url = new URL(v);
          return (url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash && !url.username;
        } catch {
          return false;
        }
      }, 'Public URL must be an http(s) address, like https://invites.example.com.'),
    }),
    output: onboardingSettingsSchema,
  },
} as const;
