import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/**
 * A tunnel program must never outlive the console. On POSIX systems the console starts it through
 * this keeper: a small sh script that runs the program and ends it when the console's end of the
 * keeper's stdin pipe closes, which happens however the console stops, kill -9 included. (A Node
 * keeper would need ELECTRON_RUN_AS_NODE, which the packaged app's fuses turn off.) The keeper
 * leads its own process group, which the program shares, so stopping the group stops both.
 */
const KEEPER = `
exec 3<&0
"$@" </dev/null 3<&- &
child=$!
trap 'kill -TERM "$child" 2>/dev/null' TERM INT HUP
( while read -r _; do :; done <&3; kill -TERM "$child" 2>/dev/null; sleep 3; kill -KILL "$child" 2>/dev/null ) &
watcher=$!
exec 3<&-
while :; do
  wait "$child"
  code=$?
  kill -0 "$child" 2>/dev/null || break
done
kill "$watcher" 2>/dev/null
exit "$code"
`;

export type KeptProcess = ChildProcessByStdio<Writable, Readable, Readable>;

export function spawnKept(command: string, args: string[], env: NodeJS.ProcessEnv): KeptProcess {
  // Windows has no sh: the program is ended on quit, but not if the console is killed.
  if (process.platform === 'win32') {
    return spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
  }
  return spawn('/bin/sh', ['-c', KEEPER, 'pooler-tunnel-keeper', command, ...args], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
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
