import { join } from 'node:path';
import { version } from '../../package.json';
import { createCore, defaultDataDir, StartupError } from '../core';
import { dbCommand } from './db-cli';
import { operatorsCommand } from './operators-cli';
import { serverConfig } from './server-config';
import { startServerListener } from './server-listener';

function fail(message: string): never {
  console.error(`Pooler server could not start: ${message}`);
  process.exit(1);
}

/**
 * `npm run serve`: the core without a window, for a team: the invite-link listener, the
 * background jobs (refresh, quota, sweeps) and the server's own listener. Every log line goes to
 * stdout as JSON (and to the data folder's log). `npm run serve -- operators …` manages operators;
 * `npm run serve -- db copy --to postgres://…` moves the data folder's store to PostgreSQL.
 */
async function main() {
  const dataDir = process.env.POOLER_DATA_DIR?.trim() || defaultDataDir();
  const rendererDir = join(import.meta.dirname, '../renderer');
  let core;
  let config;
  try {
    config = serverConfig(process.env);
    const [command, ...args] = process.argv.slice(2);
    if (command === 'operators')
      process.exit(await operatorsCommand({ dataDir, version, rendererDir }, args, config.publicUrl));
    if (command === 'db') process.exit(await dbCommand(dataDir, args));
    if (command !== undefined)
      fail(`unknown command "${command.slice(0, 40)}". Try \`npm run serve -- operators list\`.`);
    core = await createCore({ dataDir, version, rendererDir, logToStdout: true });
  } catch (err) {
    if (err instanceof StartupError) fail(err.message);
    throw err;
  }
  await core.onboarding.start();
  let listener;
  try {
    listener = await startServerListener(core, config, rendererDir);
  } catch (err) {
    await core.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      fail(`port ${config.port} is already in use (POOLER_SERVER_PORT).`);
    }
    throw err;
  }
  const invites = core.onboarding.status();
  core.logger.info(
    { server: listener.origin, inviteLinks: invites.listeningOn, inviteLinksProblem: invites.message },
    'server started',
  );
  const stop = async (signal: string) => {
    core.logger.info({ signal }, 'server stopping');
    await listener.close();
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

void main();
