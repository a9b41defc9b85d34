import type { ChannelName, InputOf } from '../../shared/contract';

/**
 * One valid input per channel. Typed as a complete record, so adding a channel to the contract
 * without a sample here fails to compile — and with it, the generated bad-input tests.
 */
export const VALID_INPUTS: { [C in ChannelName]: InputOf<C> } = {
  'app.status': {},
  'settings.get': {},
  'settings.updateOperator': { displayName: 'Ada Lovelace', email: 'ada@example.com' },
  'settings.updateAppearance': { theme: 'dark' },
  'settings.updateAccounts': { relinkAutomation: 'link_and_email' },
  'settings.updateAlerts': {
    enabled: {
      invite_accepted: true,
      relink_needed: true,
      relink_completed: false,
      pool_no_ready: true,
      pool_capacity_low: true,
      pool_capacity_recovered: false,
    },
    capacityThresholdPercent: 15,
  },
  'pools.list': {},
  'pools.create': { name: 'Research' },
  'pools.rename': { id: 'pool-0123456789abcdef01234567', name: 'Research Lab' },
  'pools.setStatus': { id: 'pool-0123456789abcdef01234567', status: 'disabled' },
  'audit.list': {
    action: 'pool.created',
    poolId: 'pool-0123456789abcdef01234567',
    inviteId: 'invite-0123456789abcdef01234567',
    cursor: 10,
    limit: 20,
  },
  'settings.updateInviteFilters': {
    filters: { poolId: 'pool-0123456789abcdef01234567', status: 'active', search: 'ada' },
  },
  'invites.list': {
    poolId: 'pool-0123456789abcdef01234567',
    status: 'expired',
    search: 'example.com',
    cursor: 5,
    limit: 50,
  },
  'invites.get': { id: 'invite-0123456789abcdef01234567' },
  'invites.retrieve': { id: 'invite-0123456789abcdef01234567' },
  'invites.create': {
    poolId: 'pool-0123456789abcdef01234567',
    email: 'bob@example.com',
    expiry: '7d',
    sendEmail: false,
  },
  'invites.reissue': { id: 'invite-0123456789abcdef01234567' },
  'invites.revoke': { id: 'invite-0123456789abcdef01234567' },
  'invites.export': { format: 'csv', filters: { status: 'accepted' } },
  'smtp.get': {},
  'smtp.update': {
    enabled: true,
    host: 'smtp.example.com',
    port: 587,
    security: 'starttls',
    username: 'mailer',
    password: { action: 'replace', value: 'correct horse battery staple' },
    fromAddress: 'console@example.com',
    fromName: 'Pooler Console',
    allowUntrustedCertificates: false,
    timeoutSeconds: 15,
  },
  'smtp.verify': {},
  'smtp.sendTest': {},
  'onboarding.get': {},
  'onboarding.update': {
    port: 7420,
    reach: { mode: 'proxy', publicUrl: 'https://invites.example.com', trustedProxy: '', listenOn: '' },
  },
  'onboarding.check': {},
  'upstreams.list': { poolId: 'pool-0123456789abcdef01234567', state: 'ready' },
  'upstreams.refresh': { id: 'upstream-0123456789abcdef01234567' },
  'upstreams.checkQuota': { id: 'upstream-0123456789abcdef01234567' },
  'upstreams.removeFromPool': {
    id: 'upstream-0123456789abcdef01234567',
    poolId: 'pool-0123456789abcdef01234567',
    deleteAccount: false,
  },
  'upstreams.exportAuth': { id: 'upstream-0123456789abcdef01234567', handOver: false },
  'upstreams.importAuth': {
    poolId: 'pool-0123456789abcdef01234567',
    file: {
      auth_mode: 'chatgpt',
      tokens: {
        id_token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.sig',
        access_token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.sig',
        refresh_token: 'rt_abc',
        account_id: 'acc-1',
      },
      last_refresh: '2025-12-28T20:40:58.139605Z',
    },
  },
  'upstreams.relinkStart': { id: 'upstream-0123456789abcdef01234567' },
  'upstreams.relinkCancel': { id: 'upstream-0123456789abcdef01234567' },
  'upstreams.relinkBrowserStart': { id: 'upstream-0123456789abcdef01234567' },
  'upstreams.relinkBrowserPaste': {
    id: 'upstream-0123456789abcdef01234567',
    text: 'http://localhost:1455/auth/callback?code=ac_sample&state=sample',
  },
  'upstreams.relinkLink': { id: 'upstream-0123456789abcdef01234567', expiry: '7d', sendEmail: false },
};
