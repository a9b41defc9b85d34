import { describe, expect, it } from 'vitest';
import { rulesFired } from '../../support/lint-text';

describe('import rules (ARCHITECTURE.md layers)', () => {
  it.each([
    ['renderer/src/x.ts', "import { createCore } from '../../electron/core';\nvoid createCore;"],
    ['renderer/src/x.ts', "import { bindContract } from '../../electron/main/ipc-bridge';\nvoid bindContract;"],
    ['shared/contract/x.ts', "import { createCore } from '../../electron/core';\nvoid createCore;"],
    ['electron/core/x.ts', "import { startConsoleServer } from '../host/console-server';\nvoid startConsoleServer;"],
    ['electron/core/x.ts', "import { bindContract } from '../main/ipc-bridge';\nvoid bindContract;"],
    ['electron/preload/x.ts', "import { createCore } from '../core';\nvoid createCore;"],
    ['electron/host/x.ts', "import { bindContract } from '../main/ipc-bridge';\nvoid bindContract;"],
    ['electron/main/x.ts', "import { startConsoleServer } from '../host/console-server';\nvoid startConsoleServer;"],
  ])('%s may not import across layers', async (path, code) => {
    expect(await rulesFired(path, code)).toContain('import-x/no-restricted-paths');
  });

  it.each([
    ['renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nvoid readFileSync;"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nvoid ipcRenderer;"],
    ['shared/contract/x.ts', "import { createHash } from 'crypto';\nvoid createHash;"],
    ['shared/contract/x.ts', "import { useState } from 'react';\nvoid useState;"],
    ['electron/core/x.ts', "import { app } from 'electron';\nvoid app;"],
    ['electron/host/x.ts', "import { app } from 'electron';\nvoid app;"],
    ['electron/preload/x.ts', "import { z } from 'zod';\nvoid z;"],
    ['electron/preload/x.ts', "import { readFileSync } from 'node:fs';\nvoid readFileSync;"],
  ])('%s may not import a forbidden package', async (path, code) => {
    expect(await rulesFired(path, code)).toContain('no-restricted-imports');
  });

  it('refuses an import it cannot resolve, so a typo cannot dodge the layer rules', async () => {
    expect(await rulesFired('renderer/src/x.ts', "import { x } from '../../electron/cor';\nvoid x;")).toContain(
      'import-x/no-unresolved',
    );
  });

  it.each([
    ['renderer/src/x.ts', "import { contract } from '../../shared/contract';\nvoid contract;"],
    [
      'electron/main/x.ts',
      "import { createCore } from '../core';\nimport { app } from 'electron';\nvoid createCore;\nvoid app;",
    ],
    [
      'electron/host/x.ts',
      "import { createCore } from '../core';\nimport { join } from 'node:path';\nvoid createCore;\nvoid join;",
    ],
    [
      'electron/preload/x.ts',
      "import { CHANNEL_NAMES } from '../../shared/contract/channel-names';\nimport { ipcRenderer } from 'electron';\nvoid CHANNEL_NAMES;\nvoid ipcRenderer;",
    ],
    [
      'electron/core/x.ts',
      "import { contract } from '../../shared/contract';\nimport { join } from 'node:path';\nvoid contract;\nvoid join;",
    ],
  ])('%s may import what its layer allows', async (path, code) => {
    expect(await rulesFired(path, code)).toEqual([]);
  });
});
