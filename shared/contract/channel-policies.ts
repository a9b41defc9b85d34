import type { ChannelName } from './channel-names';
import { ownPreference, ownerOnly, reads, writes, type ChannelPolicy } from './policy';

/**
 * Who may call each channel (see `policy.ts`), in one table free of schemas: the core checks it
 * before every handler, and the console's first render checks it to offer only what is allowed
 * without building every channel's schema first.
 */
export const CHANNEL_POLICIES: Record<ChannelName, ChannelPolicy> = {
  'app.status': reads(),
  'settings.get': reads(),
  'settings.updateOperator': ownPreference,
  'settings.updateAppearance': ownPreference,
  'pools.list': reads('listed'),
  'pools.create': ownerOnly,
  'pools.rename': ownerOnly,
  'pools.setStatus': ownerOnly,
  'audit.list': reads('listed'),
  'invites.list': reads('listed'),
  'invites.get': reads('invite'),
  'invites.retrieve': reads('invite'),
  'invites.create': writes('input'),
  'invites.reissue': writes('invite'),
  'invites.revoke': writes('invite'),
  'invites.export': reads('listed'),
  'settings.updateInviteFilters': ownPreference,
  'settings.updateAccounts': ownerOnly,
  'settings.updateAlerts': ownerOnly,
  'smtp.get': ownerOnly,
  'smtp.update': ownerOnly,
  'smtp.verify': ownerOnly,
  'smtp.sendTest': ownerOnly,
  'onboarding.get': reads(),
  'onboarding.update': ownerOnly,
  'onboarding.check': ownerOnly,
  'upstreams.list': reads('listed'),
  'upstreams.refresh': writes('upstream'),
  'upstreams.checkQuota': writes('upstream'),
  'upstreams.removeFromPool': writes('input'),
  'upstreams.exportAuth': writes('upstream'),
  'upstreams.importAuth': writes('input'),
  'upstreams.relinkStart': writes('upstream'),
  'upstreams.relinkCancel': writes('upstream'),
  'upstreams.relinkBrowserStart': writes('upstream'),
  'upstreams.relinkBrowserPaste': writes('upstream'),
  'upstreams.relinkLink': writes('upstream'),
  'team.status': ownPreference,
  'team.connect': ownPreference,
  'team.disconnect': ownPreference,
};
