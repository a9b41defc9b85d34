// Creates invites one after another on a shared database, printing each one's id the moment the
// core acknowledged it: the test kills this process at some point and checks that every printed
// invite is there. Its own process and connection, like a server's.
import { coreFrom, createServices } from '../../electron/core/create-core';

const [dataDir, keychainService, poolId, databaseUrl = ''] = process.argv.slice(2) as [string, string, string, string?];
const services = await createServices({
  dataDir,
  version: 'burst',
  env: { POOLER_KEYCHAIN_SERVICE: keychainService, POOLER_DATABASE_URL: databaseUrl },
  backgroundJobs: false,
});
const core = await coreFrom(services);
for (let i = 0; ; i++) {
  const result = await core.dispatch('invites.create', {
    poolId,
    email: `burst${i}@example.com`,
    expiry: '24h',
    sendEmail: false,
  });
  if (!result.ok) throw new Error(result.error.message);
  process.stdout.write(`${(result.data as { invite: { id: string } }).invite.id}\n`);
}
