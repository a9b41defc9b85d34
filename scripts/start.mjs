// npm start: the desktop app. Where no Electron runtime can be had (no binary and no way to
// download one, or no display to show a window on), say so in one line and open the browser
// console instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureBuild } from './ensure-build.mjs';
import { ensureNode22 } from './ensure-node.mjs';

const ROOT = join(import.meta.dirname, '..');
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

/** The Electron executable, fetching it on first use (electron has no install script); or why not. */
function electronRuntime() {
  if (
    (process.platform === 'linux' || process.platform === 'freebsd') &&
    !process.env.DISPLAY &&
    !process.env.WAYLAND_DISPLAY
  ) {
    return { reason: 'no display (DISPLAY / WAYLAND_DISPLAY unset)' };
  }
  const electronDir = join(createRequire(import.meta.url).resolve('electron/package.json'), '..');
  if (!existsSync(join(electronDir, 'path.txt'))) console.log('Fetching the Electron runtime (first start only)…');
  // Requiring the package downloads the binary when it is missing; do it in a child so its
  // download noise stays out of the way and a closed network cannot hang this script.
  const probe = spawnSync(process.execPath, ['-e', 'process.stdout.write(require("electron"))'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: DOWNLOAD_TIMEOUT_MS,
  });
  const path = probe.status === 0 ? probe.stdout.trim() : '';
  if (path && existsSync(path)) return { path };
  return { reason: 'the Electron binary is not installed and could not be downloaded' };
}

ensureNode22();
ensureBuild();
const runtime = electronRuntime();
if (runtime.path) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(runtime.path, [ROOT], { stdio: 'inherit', env });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
} else {
  console.log(`No Electron runtime: ${runtime.reason}. Starting the browser console instead.`);
  await import('../out/main/host.js');
}
