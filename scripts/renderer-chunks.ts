import type { Plugin } from 'vite';

/** Where the console's first load starts: its code, and the pages it opens on (Invites, or Pools from a link). */
const FIRST_LOAD = ['renderer/src/mount.tsx', 'renderer/src/pages/InvitesPage.tsx', 'renderer/src/pages/PoolsPage.tsx'];

const slashed = (id: string) => id.replaceAll('\\', '/');
const isPackage = (id: string) => slashed(id).includes('/node_modules/');

/**
 * The renderer's chunks, decided from its module graph once the build has seen every module:
 * `vendor` holds the libraries (one file, not a dozen: Chromium fetches six at a time from one
 * host over HTTP/1.1, and the tab's sign-in and first reads queue behind the rest), and `console`
 * holds the console's own modules that its first load evaluates — the shell's and those the
 * opening pages share — which the bundler would otherwise split into a small file per set of
 * importers. Left out of `console`: what an entry runs before anything else loads (the console's
 * entry stays small, and the invite page never loads the console's code) and everything only
 * other pages reach (the whole contract's schemas among them: see startup-graph.test.ts).
 */
export function rendererChunks() {
  const entries = new Set<string>();
  const firstLoad = new Set<string>();
  const plugin: Plugin = {
    name: 'renderer-chunks',
    buildEnd() {
      const walk = (seen: Set<string>, id: string) => {
        if (seen.has(id) || isPackage(id)) return;
        seen.add(id);
        for (const next of this.getModuleInfo(id)?.importedIds ?? []) walk(seen, next);
      };
      for (const id of this.getModuleIds()) {
        if (this.getModuleInfo(id)?.isEntry) walk(entries, id);
        if (FIRST_LOAD.some((root) => slashed(id).endsWith(`/${root}`))) walk(firstLoad, id);
      }
    },
  };
  const groups = [
    { name: 'vendor', test: (id: string) => isPackage(id) && !/[\\/]@fontsource/.test(id) },
    {
      name: 'console',
      test: (id: string) => firstLoad.has(id) && !entries.has(id),
      // A console module's imports may belong to an entry (loaded by then): they stay there.
      includeDependenciesRecursively: false,
    },
  ];
  return { plugin, groups };
}
