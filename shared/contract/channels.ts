import type { z } from 'zod';
import { appChannels } from './app';
import { auditChannels } from './audit';
import type { ChannelName } from './channel-names';
import { invitesChannels } from './invites';
import { onboardingChannels } from './onboarding';
import { poolsChannels } from './pools';
import { settingsChannels } from './settings';
import { smtpChannels } from './smtp';
import { upstreamsChannels } from './upstreams';

export interface ChannelDefinition {
  input: z.ZodType;
  output: z.ZodType;
}

/** Input and output schema of every channel named in CHANNEL_NAMES. */
export const contract = {
  ...appChannels,
  ...settingsChannels,
  ...poolsChannels,
  ...auditChannels,
  ...invitesChannels,
  ...smtpChannels,
  ...onboardingChannels,
  ...upstreamsChannels,
} as const satisfies Record<ChannelName, ChannelDefinition>;

// `satisfies` catches a missing channel; this catches one defined here but absent from the names.
type UnnamedChannels = Exclude<keyof typeof contract, ChannelName>;
export const contractHasOnlyNamedChannels: [UnnamedChannels] extends [never] ? true : never = true;

export type Contract = typeof contract;
export type InputOf<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends ChannelName> = z.output<Contract[C]['input']>;
export type OutputOf<C extends ChannelName> = z.output<Contract[C]['output']>;
