import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { createCore, defaultDataDir, StartupError } from '../core';
import { startConsoleServer } from './console-server';

const DEFAULT_PORT = 7410;

function fail(message: string): never {
  console.error(`Pooler Console could not start: ${message}`);
  process.exit(1);
}

function portFromArgs(): number {
  const { values } = parseArgs({ options: { port: { type: 'string' } }, strict: true });
  if (values.port === undefined) return DEFAULT_PORT;
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port must be a number from 0 to 65535, got "${values.port}".`);
  return port;
}

async function main() {
  const port = portFromArgs();
  const dataDir = process.env.POOLER_DATA_DIR?.trim() || defaultDataDir();
  const rendererDir = join(import.meta.dirname, '../renderer');
  let core;
  try {
    core = createCore({ dataDir, version, rendererDir });
  } catch (err) {
    if (err instanceof StartupError) fail(err.message);
    throw err;
  }
  let server;
  try {
    server = await startConsoleServer({ core, rendererDir, port });
  } catch (err) {
    await core.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      fail(
        `port ${port} is already in use (is another console running?). Pass --port N, or --port 0 for any free port.`,
      );
    }
    throw err;
  }
  console.log(`Pooler Console: ${server.newLink()}`);
  // Invite links work only while this listener runs; a failure (port taken) shows in Settings.
  await core.onboarding.start();
  const listener = core.onboarding.status();
  console.log(
    listener.listeningOn
      ? `Invite links: served on ${listener.listeningOn}`
      : `Invite links: not served (${listener.message ?? 'the listener did not start'}); see Settings`,
  );

  const stop = async () => {
    await server.close();
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
