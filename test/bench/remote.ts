import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSync } from 'otplib';
import { createCore, createServices } from '../../electron/core';
import { connectTeamClient } from '../../electron/core/team/team-client';
import { teamCall } from '../../electron/core/team/team-http';
import { startServer } from '../support/serve-process';
import { certificateFor } from '../support/test-certificate';
import { deleteKeychainKey } from '../support/test-core';
import { makeTempDir } from '../support/temp-dir';
import { seedInvites } from './seed-invites';
import { summary, timeAlternating } from './stats';

const COUNT = 100_000;
const RUNS = 200;
const PASSWORD = 'correct horse battery staple';
const OWNER = { kind: 'operator' as const, name: 'bench' };

/** An enrolled owner and a live session, made straight in the data folder before the server starts. */
async function ownerSession(dataDir: string, env: NodeJS.ProcessEnv): Promise<string> {
  const services = await createServices({ dataDir, version: 'bench', env, backgroundJobs: false });
  try {
    const { operators } = services;
    const { enrolmentToken } = await operators.add({ email: 'owner@example.com', role: 'owner' }, OWNER);
    const { totpSecret } = await operators.beginEnrolment(enrolmentToken);
    const epoch = Math.floor(Date.now() / 1000);
    await operators.enrol(enrolmentToken, { password: PASSWORD, code: generateSync({ secret: totpSecret, epoch }) });
    const code = generateSync({ secret: totpSecret, epoch: epoch + 30 });
    return (await operators.signIn({ email: 'owner@example.com', password: PASSWORD, code })).session;
  } finally {
    services.alerts.stop();
    await services.db.close();
    services.sqlite?.close();
    services.logFile.close();
  }
}

/**
 * The invites list as a desktop console connected to a team server reads it — its main process's
 * client → HTTPS → the server → the handler — beside the same call to the handler in-process (the
 * desktop console on its own store), at 100k invites; and, as the network's own floor, an HTTPS
 * round trip to the server's `/healthz` on the same connection pool.
 */
export async function benchRemote(): Promise<void> {
  const dir = makeTempDir('pooler-bench-remote');
  const env = { POOLER_KEYCHAIN_SERVICE: `pooler-bench-remote-${process.pid}` };
  const stops: (() => unknown)[] = [];
  try {
    const poolIds = await seedInvites(dir.path, COUNT, env, Date.now());
    const session = await ownerSession(dir.path, env);
    const pems = await certificateFor('127.0.0.1');
    writeFileSync(join(dir.path, 'cert.pem'), pems.cert);
    writeFileSync(join(dir.path, 'key.pem'), pems.key, { mode: 0o600 });
    const server = await startServer(
      {
        ...process.env,
        ...env,
        POOLER_DATA_DIR: dir.path,
        POOLER_SERVER_PORT: '0',
        POOLER_ONBOARDING_PORT: '0',
        POOLER_TLS_CERT: join(dir.path, 'cert.pem'),
        POOLER_TLS_KEY: join(dir.path, 'key.pem'),
      },
      (fn) => void stops.push(fn),
    );
    const url = server.ready.server as string;
    const client = connectTeamClient({
      connection: { url, ca: pems.cert, session, email: 'owner@example.com', role: 'owner' },
      onEvent: () => {},
      onStatus: () => {},
    });
    stops.push(client.close);
    const local = await createCore({ dataDir: dir.path, version: 'bench', env, backgroundJobs: false });
    stops.push(() => local.close());

    console.log(
      `\nInvites list through a team server (HTTPS, loopback) at ${COUNT.toLocaleString()} invites, page of 100:`,
    );
    const cases = [
      ['first page, all Pools', { limit: 100 }],
      ['first page, one Pool', { limit: 100, poolId: poolIds[7] }],
      ['search "user4242@"', { limit: 100, search: 'user4242@' }],
    ] as const;
    for (const [label, input] of cases) {
      const [remote, handler] = await timeAlternating(
        () => client.dispatch('invites.list', input),
        () => local.dispatch('invites.list', input),
        RUNS,
      );
      console.log(`  ${label.padEnd(24)} remote ${summary(remote)}   local handler ${summary(handler)}`);
    }
    const [healthz] = await timeAlternating(
      () => teamCall({ url, ca: pems.cert }, 'healthz', { method: 'GET' }),
      () => Promise.resolve(),
      RUNS,
    );
    console.log(`  floor: an HTTPS round trip to the server (/healthz) ${summary(healthz)}`);
  } finally {
    for (const stop of stops.reverse()) await stop();
    dir.remove();
    deleteKeychainKey(env.POOLER_KEYCHAIN_SERVICE);
  }
}
