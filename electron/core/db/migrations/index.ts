import type { Migration } from '../migrate';
import { foundation } from './0001-foundation';
import { invites } from './0002-invites';
import { onboarding } from './0003-onboarding';
import { upstreamHealth } from './0004-upstream-health';
import { inviteLinkBase } from './0005-invite-link-base';
import { ownerInTheLoop } from './0006-owner-in-the-loop';
import { browserSignIn } from './0007-browser-sign-in';
import { emailSearch } from './0008-email-search';
import { operators } from './0009-operators';

/** Every migration, in order. Append only; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  foundation,
  invites,
  onboarding,
  upstreamHealth,
  inviteLinkBase,
  ownerInTheLoop,
  browserSignIn,
  emailSearch,
  operators,
];
