import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { testKeychainService } from '../../support/test-core';

const ROOT = join(import.meta.dirname, '../../..');
const START = join(ROOT, 'scripts/start.mjs');
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));

function start(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const data = makeTempDir('pooler-start');
  cleanups.push(data.remove);
  const base = { ...process.env };
  delete base.DISPLAY;
  delete base.WAYLAND_DISPLAY;
  const child = spawn(process.execPath, [START], {
    cwd: ROOT,
    env: { ...base, POOLER_DATA_DIR: data.path, POOLER_KEYCHAIN_SERVICE: testKeychainService(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => child.kill('SIGTERM'));
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  return { child, output: () => output, exited: new Promise((resolve) => child.once('exit', resolve)) };
}

async function waitFor(read: () => string, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (!pattern.test(read())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; output:\n${read()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return read();
}

/** A stand-in Electron executable (the real one cannot be downloaded here) that records how it was started. */
function fakeElectron(): { dir: string; record: string } {
  const dir = makeTempDir('pooler-electron');
  cleanups.push(dir.remove);
  const record = join(dir.path, 'launched.json');
  const exe = join(dir.path, 'electron');
  writeFileSync(
    exe,
    `#!${process.execPath}\nrequire('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({ args: process.argv.slice(2), runAsNode: process.env.ELECTRON_RUN_AS_NODE ?? null }));\nprocess.exit(3);\n`,
  );
  chmodSync(exe, 0o755);
  return { dir: dir.path, record };
}

describe('npm start', () => {
  it('without a display, says so in one line and serves the browser console', async () => {
    const run = start({});
    const output = await waitFor(run.output, /Pooler Console: http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/);
    const lines = output
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('Building'));
    expect(lines[0]).toBe(
      'No Electron runtime: no display (DISPLAY / WAYLAND_DISPLAY unset). Starting the browser console instead.',
    );
    const url = /(http:\/\/\S+)/.exec(lines[1] ?? '')?.[1];
    expect((await fetch(url!)).status).toBe(200);
  });

  it('with a display but no Electron binary, falls back the same way', async () => {
    const empty = makeTempDir('pooler-no-electron');
    cleanups.push(empty.remove);
    const run = start({ DISPLAY: ':99', ELECTRON_OVERRIDE_DIST_PATH: empty.path });
    const output = await waitFor(run.output, /Pooler Console: http:/);
    expect(output).toContain(
      'No Electron runtime: the Electron binary is not installed and could not be downloaded. Starting the browser console instead.',
    );
  });

  it('with a display and Electron, starts the app on the project and passes its exit code on', async () => {
    const electron = fakeElectron();
    const run = start({ DISPLAY: ':99', ELECTRON_OVERRIDE_DIST_PATH: electron.dir, ELECTRON_RUN_AS_NODE: '1' });
    expect(await run.exited).toBe(3);
    expect(JSON.parse(readFileSync(electron.record, 'utf8'))).toEqual({ args: [ROOT], runAsNode: null });
    expect(run.output()).not.toContain('browser console');
  });
});
