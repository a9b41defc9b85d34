import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '../../..');

describe('packaging', () => {
  it('flips the security fuses in electron-builder.yml', () => {
    const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config.asar).toBe(true);
  });

  it('ships native modules that use only N-API, so one binary loads in Node 22 and Electron 45', () => {
    const binary = join(ROOT, 'node_modules/better-sqlite3/prebuilds/linux-x64.node');
    const undefinedSymbols = execFileSync('nm', ['-D', '--undefined-only', binary], { encoding: 'utf8' });
    expect(undefinedSymbols).toMatch(/ napi_/);
    // V8 or Node C++ symbols would tie the binary to one runtime's ABI.
    expect(undefinedSymbols).not.toMatch(/_ZN2v8|_ZN4node/);
  });
});
