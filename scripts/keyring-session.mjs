// Keychain work (tests, benchmarks) needs a real Secret Service. On Linux it runs inside a private
// D-Bus session with a throw-away, unlocked gnome-keyring, never touching the developer's keyring.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Re-runs this process inside such a session and exits with its status; returns if already inside one. */
export function runInKeyringSession() {
  if (process.platform !== 'linux' || process.env.POOLER_TEST_SESSION) return;
  if (!onPath('dbus-run-session') || !onPath('gnome-keyring-daemon')) {
    console.warn(
      'dbus-run-session or gnome-keyring-daemon is missing (apt install dbus gnome-keyring): keychain work will fail.',
    );
    return;
  }
  const home = mkdtempSync(join(tmpdir(), 'pooler-test-home-'));
  for (const dir of ['run', 'data', 'config', 'cache']) mkdirSync(join(home, dir), { mode: 0o700 });
  const env = {
    ...process.env,
    POOLER_TEST_SESSION: '1',
    HOME: home,
    XDG_RUNTIME_DIR: join(home, 'run'),
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
  };
  const script = 'printf pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$0" "$@"';
  const run = spawnSync(
    'dbus-run-session',
    ['--', 'sh', '-c', script, process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    { env, stdio: 'inherit' },
  );
  rmSync(home, { recursive: true, force: true });
  process.exit(run.status ?? 1);
}
