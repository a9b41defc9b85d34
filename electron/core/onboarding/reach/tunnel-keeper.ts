import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/**
 * A tunnel program must never outlive the console. The console starts it through this keeper: a
 * tiny Node process that runs the program and ends it when the console's end of its stdin pipe
 * closes, which happens however the console stops, kill -9 included. The keeper leads its own
 * process group (the program inherits it), so stopping the group stops both.
 */
const KEEPER = `
const { spawn } = require('node:child_process');
const [command, ...args] = process.argv.slice(1);
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
let ending = false;
const end = () => {
  if (ending) return;
  ending = true;
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), 3000).unref();
};
process.stdin.on('end', end);
process.stdin.on('error', end);
process.stdin.resume();
process.on('SIGTERM', end);
process.on('SIGINT', end);
child.on('error', (err) => { process.stderr.write(err.message + '\\n'); process.exit(127); });
child.on('exit', (code, signal) => process.exit(code === null ? (signal ? 1 : 0) : code));
`;

export type KeptProcess = ChildProcessByStdio<Writable, Readable, Readable>;

export function spawnKept(command: string, args: string[], env: NodeJS.ProcessEnv): KeptProcess {
  return spawn(process.execPath, ['-e', KEEPER, command, ...args], {
    env: { ...env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
    windowsHide: true,
  });
}

/** Signals the keeper's whole group (the keeper and the program). */
export function signalGroup(child: KeptProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (process.platform === 'win32') child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
