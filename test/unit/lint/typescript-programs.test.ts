import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

/** The project's own files a TypeScript program checks. */
function programFiles(tsconfig: string): Set<string> {
  const listed = execFileSync(process.execPath, [TSC, '-p', tsconfig, '--listFilesOnly'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return new Set(
    listed
      .split('\n')
      .map((file) => relative(ROOT, file.trim()))
      .filter((file) => file && !file.startsWith('node_modules') && !file.startsWith('..')),
  );
}

/** Every TypeScript source git knows, tracked or new. */
function sources(): string[] {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return files.split('\n').filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'));
}

describe('type checking covers the whole tree', () => {
  const renderer = programFiles('renderer/tsconfig.json');

  it('every .ts and .tsx file is in one of the two TypeScript programs', () => {
    const checked = new Set([...programFiles('tsconfig.json'), ...renderer]);
    const unchecked = sources().filter((file) => !checked.has(file));
    expect(unchecked).toEqual([]);
  });

  it('the renderer program holds no Node-side code, and the invitee page is in it', () => {
    expect([...renderer].filter((file) => file.startsWith('electron/'))).toEqual([]);
    expect(renderer.has('renderer/onboarding/main.ts')).toBe(true);
  });
});
