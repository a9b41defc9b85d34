import { version } from '../../package.json';
import { createCore, defaultDataDir, StartupError } from '../core';
import type { ConsoleListener } from './console-listener';
import { startConsoleServer } from './console-server';
import { failToStart } from './fail-to-start';

/**
 * Runs the browser console behind its already open listener: the core, the app on that listener,
 * then the invite-link listener. The link was printed before this module loaded.
 */
export async function startHost(rendererDir: string, consoleListener: ConsoleListener) {
  const dataDir = process.env.POOLER_DATA_DIR?.trim() || defaultDataDir();
  let core;
  try {
    core = await createCore({ dataDir, version, rendererDir });
  } catch (err) {
    if (err instanceof StartupError) failToStart(err.message);
    throw err;
  }
  let server;
  try {
    server = await startConsoleServer({ core, listener: consoleListener });
  } catch (err) {
    await core.close();
    throw err;
  }
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
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
