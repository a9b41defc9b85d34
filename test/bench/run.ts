// npm run bench [-- names…]: prints figures; budgets are read from them, never asserted.
// Names: cold-start, queries, invites-ui, onboarding (default: all).
import { benchColdStart } from './cold-start';
import { benchInviteQueries } from './invite-queries';
import { benchInvitesUi } from './invites-ui';
import { benchOnboarding } from './onboarding';

const wanted = new Set(process.argv.slice(2));
const run = (name: string) => wanted.size === 0 || wanted.has(name);

if (run('cold-start')) await benchColdStart();
if (run('queries')) {
  await benchInviteQueries(100_000);
  await benchInviteQueries(1_000_000);
}
if (run('invites-ui')) await benchInvitesUi(100_000);
if (run('onboarding')) await benchOnboarding();
