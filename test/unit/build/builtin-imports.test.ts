import { describe, expect, it } from 'vitest';
import { builtinImports } from '../../../scripts/builtin-imports';

/** What the build writes for a chunk whose code is `code`. */
function built(code: string): string {
  const bundle = { 'chunk.js': { type: 'chunk', code } };
  builtinImports.generateBundle(undefined, bundle);
  return bundle['chunk.js'].code;
}

describe("the main bundle's imports of Node's own modules", () => {
  it.each([
    [
      'named, renamed',
      'import{join,resolve as r}from"node:path";',
      'const{join,resolve:r}=process.getBuiltinModule("node:path");',
    ],
    ['default', 'import zlib from"node:zlib";', 'const zlib=process.getBuiltinModule("node:zlib");'],
    ['namespace', 'import * as fs from "node:fs";', 'const fs=process.getBuiltinModule("node:fs");'],
    [
      'default and named',
      'import util,{format}from"node:util";',
      'const util=process.getBuiltinModule("node:util");const{format}=process.getBuiltinModule("node:util");',
    ],
    ['default by name', 'import{default as os}from"node:os";', 'const os=process.getBuiltinModule("node:os");'],
  ])('reads them from process.getBuiltinModule: %s', (_form, code, rewritten) => {
    expect(built(`${code}run();`)).toBe(`${rewritten}run();`);
  });

  it('keeps the imports of chunks and packages, and reads past them', () => {
    const code =
      'import{a}from"./chunks/a.js";import"./side-effect.js";import e from"electron";import{b}from"node:fs";';
    expect(built(`${code}a(b);`)).toBe(
      'import{a}from"./chunks/a.js";import"./side-effect.js";import e from"electron";const{b}=process.getBuiltinModule("node:fs");a(b);',
    );
  });

  it('leaves the code after the imports alone, strings that look like imports included', () => {
    const code = 'import{x}from"node:fs";const s=`import{y}from"node:path";`;';
    expect(built(code)).toBe('const{x}=process.getBuiltinModule("node:fs");const s=`import{y}from"node:path";`;');
  });
});
