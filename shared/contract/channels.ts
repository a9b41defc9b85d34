import type { z } from 'zod';
import { appChannels } from './app';
import { auditChannels } from './audit';
import type { ChannelName, DownloadChannel } from './channel-names';
import { invitesChannels } from './invites';
import { onboardingChannels } from './onboarding';
import { poolsChannels } from './pools';
import { settingsChannels } from './settings';
import { smtpChannels } from './smtp';
import { teamChannels } from './team';
import { upstreamsChannels } from './upstreams';

export interface ChannelDefinition {
  input: z.ZodType;
  output: z.ZodType;
  /** A download: the answer is a file (see `downloadChannel`). */
  kind?: 'download';
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
  ...teamChannels,
} as const satisfies Record<ChannelName, ChannelDefinition>;

// `satisfies` catches a missing channel; this catches one defined here but absent from the names.
type UnnamedChannels = Exclude<keyof typeof contract, ChannelName>;
/** @public Checked by the compiler, never read. */
export const contractHasOnlyNamedChannels: [UnnamedChannels] extends [never] ? true : never = true;

type Contract = typeof contract;

// The dependency-free list the shells use must name exactly the entries built with `downloadChannel`.
type DownloadEntries = { [C in ChannelName]: Contract[C] extends { kind: 'download' } ? C : never }[ChannelName];
type Mislabelled = Exclude<DownloadEntries, DownloadChannel> | Exclude<DownloadChannel, DownloadEntries>;
/** @public Checked by the compiler, never read. */
export const downloadChannelsMatchContract: [Mislabelled] extends [never] ? true : never = true;

export type InputOf<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends ChannelName> = z.output<Contract[C]['input']>;
export type OutputOf<C extends ChannelName> = z.output<Contract[C]['output']>;
