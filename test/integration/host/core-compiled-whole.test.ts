import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startConsoleProcess, type ConsoleProcess } from '../../support/console-process';
import { makeTempDir } from '../../support/temp-dir';

/**
 * Loaded into the console's process before its entry: notes which flags the start sets, and
 * which of Node's own modules load while lazy compilation is off (those would be compiled from
 * source, eagerly, instead of from the code Node ships for them).
 */
const SPY = `import v8 from 'node:v8';
import { syncBuiltinESMExports } from 'node:module';
const set = v8.setFlagsFromString;
let before = null;
v8.setFlagsFromString = (flags) => {
  if (flags === '--no-lazy') before = new Set(process.moduleLoadList);
  set(flags);
  if (flags !== '--lazy' || !before) return;
  const loaded = process.moduleLoadList.filter((name) => !before.has(name) && name.startsWith('NativeModule '));
  process.stderr.write('compiled whole, loading Node modules: [' + loaded.map((name) => name.slice(13)).join(' ') + ']\\n');
};
syncBuiltinESMExports();
`;

describe('a start of the browser console', () => {
  const dir = makeTempDir('pooler-spy');
  const spy = join(dir.path, 'flag-spy.mjs');
  writeFileSync(spy, SPY);
  let pooler: ConsoleProcess | undefined;

  afterAll(async () => {
    await pooler?.stop();
    dir.remove();
  });

  it('compiles the core whole, and no public module of Node while it does', async () => {
    pooler = await startConsoleProcess({ env: { NODE_OPTIONS: `--import=${spy}` } });
    const line = /compiled whole, loading Node modules: \[([^\]]*)\]/.exec(pooler.output());
    expect(line, pooler.output()).not.toBeNull();
    // Node's internal helpers some of its modules load on first use are few and small.
    const publicModules = line![1]!.split(' ').filter((name) => name && !name.startsWith('internal/'));
    expect(publicModules).toEqual([]);
    // The start still works end to end: the API answers.
    const response = await fetch(`${pooler.origin}/rpc/pools.list`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${pooler.session}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
  });
});
