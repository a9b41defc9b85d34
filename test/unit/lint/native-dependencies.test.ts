import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const packageJson = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
  };

/** Whether a folder holds a compiled add-on (`.node`), outside its own node_modules. */
function holdsAddon(dir: string): boolean {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules') continue;
    const path = join(dir, entry);
    if (entry.endsWith('.node')) return true;
    if (statSync(path).isDirectory() && holdsAddon(path)) return true;
  }
  return false;
}

/** A dependency is native when it, or a platform package it ships as an optional dependency, holds an add-on. */
function isNative(name: string): boolean {
  const dir = join(ROOT, 'node_modules', name);
  if (holdsAddon(dir)) return true;
  return Object.keys(packageJson(dir).optionalDependencies ?? {}).some((optional) => {
    try {
      return holdsAddon(join(ROOT, 'node_modules', optional));
    } catch {
      return false; // another platform's package, not installed here
    }
  });
}

describe('the build', () => {
  it('keeps every native dependency out of the bundle, and bundles the rest', () => {
    const config = readFileSync(join(ROOT, 'electron.vite.config.ts'), 'utf8');
    const listed = /const NATIVE_DEPENDENCIES = \[([^\]]*)\]/.exec(config)?.[1] ?? '';
    const native = [...listed.matchAll(/'([^']+)'/g)].map((m) => m[1]!).sort();
    const dependencies = Object.keys(packageJson(ROOT).dependencies ?? {});
    expect(native).toEqual(dependencies.filter(isNative).sort());
  });
});
