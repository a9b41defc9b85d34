// npm run bench [-- names…]: prints figures; budgets are read from them, never asserted.
// Names: cold-start, queries, search, invites-ui, onboarding, onboarding-flood, storage, upstreams, upstreams-ui,
// remote, postgres
// (default: all).
import { runInKeyringSession } from '../../scripts/keyring-session.mjs';
import { benchColdStart } from './cold-start';
import { benchInviteQueries } from './invite-queries';
import { benchInvitesUi } from './invites-ui';
import { benchOnboarding } from './onboarding';
import { benchOnboardingFlood } from './onboarding-flood';
import { benchPostgres } from './postgres';
import { benchRemote } from './remote';
import { benchSearch } from './search';
import { benchStorage } from './storage';
import { benchUpstreams } from './upstreams';
import { benchUpstreamsUi } from './upstreams-ui';

// The benchmarks open real cores, whose data key lives in the OS keychain.
runInKeyringSession();

const wanted = new Set(process.argv.slice(2));
const run = (name: string) => wanted.size === 0 || wanted.has(name);

if (run('cold-start')) await benchColdStart();
if (run('queries')) {
  await benchInviteQueries(100_000);
  await benchInviteQueries(1_000_000);
}
if (run('search')) await benchSearch();
if (run('invites-ui')) await benchInvitesUi(100_000);
if (run('onboarding')) await benchOnboarding();
if (run('onboarding-flood')) await benchOnboardingFlood();
if (run('storage')) await benchStorage();
if (run('upstreams')) await benchUpstreams();
if (run('upstreams-ui')) await benchUpstreamsUi();
if (run('remote')) await benchRemote();
if (run('postgres')) {
  await benchPostgres(100_000);
  await benchPostgres(1_000_000);
}
