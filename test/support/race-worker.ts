// One side of the accept-versus-revoke race: its own process and SQLite connection on a shared
// data folder. Waits for "go" on stdin so both sides start together.
import { readFileSync } from 'node:fs';
import { coreFrom, createServices } from '../../electron/core/create-core';
import { hashInviteToken } from '../../electron/core/invites/invite-token';

const [dataDir, role, inputFile, keychainService, databaseUrl = ''] = process.argv.slice(2) as [
  string,
  'accept' | 'revoke',
  string,
  string,
  string?,
];
const invites = JSON.parse(readFileSync(inputFile, 'utf8')) as { id: string; token: string; email: string }[];
const services = await createServices({
  dataDir,
  version: 'race',
  env: { POOLER_KEYCHAIN_SERVICE: keychainService, POOLER_DATABASE_URL: databaseUrl },
});
const core = await coreFrom(services);
const won: string[] = [];
const lost: Record<string, number> = {};

process.stdout.write('ready\n');
process.stdin.once('data', () => void race());

async function race() {
  for (const invite of invites) {
    try {
      if (role === 'accept') {
        await services.invites.accept(hashInviteToken(invite.token), {
          acceptedByEmail: invite.email,
          upstreamId: 'upstream-race',
        });
      } else {
        await services.invites.revoke(invite.id, { kind: 'operator', name: 'Racer' });
      }
      won.push(invite.id);
    } catch (err) {
      const code = (err as { code?: string }).code ?? String(err);
      lost[code] = (lost[code] ?? 0) + 1;
    }
  }
  await core.close();
  process.stdout.write(`${JSON.stringify({ won, lost })}\n`);
  process.exit(0);
}
