import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const SOURCES = ['electron', 'renderer', 'shared', 'package.json', 'electron.vite.config.ts'];
const OUTPUTS = [
  'out/main/index.js',
  'out/main/host.js',
  'out/main/restore.js',
  'out/main/serve.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Builds main, preload, host and renderer when the output is missing or older than the sources. */
export function ensureBuild() {
  const outputs = OUTPUTS.map((p) => join(ROOT, p));
  const built = outputs.every(existsSync) && Math.min(...outputs.map((p) => statSync(p).mtimeMs));
  const newestSource = Math.max(...SOURCES.map((p) => newestMtime(join(ROOT, p))));
  if (built && built >= newestSource) return;
  console.log('Building Pooler Console…');
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
}
