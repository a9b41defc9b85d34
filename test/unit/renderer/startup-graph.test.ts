import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIRST_LOAD } from '../../../scripts/renderer-chunks';

const ROOT = resolve(import.meta.dirname, '../../..');
// The names imported stop at the statement's end: a side-effect import (`import './x.css';`)
// must not run on into the next statement's `from`.
const IMPORT = /^(?:import|export)\s+(type\s+)?(?:[^;]*?\s+from\s+)?'([^']+)';/gm;

/** The repository files a module imports values from (type-only imports and packages left out). */
function valueImports(file: string): string[] {
  const found: string[] = [];
  for (const [, typeOnly, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    if (typeOnly || !specifier!.startsWith('.')) continue;
    const base = resolve(dirname(file), specifier!);
    const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')];
    const target = candidates.find((candidate) => statSync(candidate, { throwIfNoEntry: false })?.isFile());
    if (target) found.push(target);
  }
  return found;
}

/** Every module evaluated once these are: their static value imports, followed through. */
function staticGraph(...entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = entries.map((entry) => resolve(ROOT, entry));
  for (let file = queue.pop(); file; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...valueImports(file));
  }
  return new Set([...seen].map((file) => relative(ROOT, file)));
}

// The contract's index and its `contract` object build every channel's schemas when evaluated
// (tens of milliseconds of a cold start in Chromium). The console's first render needs a few.
const EVERY_SCHEMA = ['shared/contract/index.ts', 'shared/contract/channels.ts'];

describe('what the console evaluates before its first page paints', () => {
  it('builds no schema of a channel it does not call: the entry, the shell and the pages it opens on', () => {
    const startup = staticGraph('renderer/src/main.tsx', ...FIRST_LOAD);
    expect(startup).toContain('renderer/src/api/use-may.ts');
    expect(startup).toContain('shared/contract/channel-policies.ts');
    expect([...startup].filter((file) => EVERY_SCHEMA.includes(file))).toEqual([]);
  });

  it('finds the whole contract where a page does import it (the check can fail)', () => {
    expect(staticGraph('renderer/src/pages/SettingsPage.tsx')).toContain('shared/contract/channels.ts');
  });
});
