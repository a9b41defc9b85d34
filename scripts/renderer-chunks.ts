import { basename } from 'node:path';
import type { Plugin } from 'vite';

/** Where the console's first load starts: its code, and the pages it opens on (Invites, or Pools from a link). */
export const FIRST_LOAD = [
  'renderer/src/mount.tsx',
  'renderer/src/pages/InvitesPage.tsx',
  'renderer/src/pages/PoolsPage.tsx',
];

export const slashed = (id: string) => id.replaceAll('\\', '/');
const isPackage = (id: string) => slashed(id).includes('/node_modules/');

/**
 * The renderer's chunks, decided from its module graph once the build has seen every module:
 * `vendor` holds the libraries (one file, not a dozen: Chromium fetches six at a time from one
 * host over HTTP/1.1, and the tab's sign-in and first reads queue behind the rest), and `console`
 * holds the console's own modules that its first load evaluates — the shell's and those the
 * opening pages share — which the bundler would otherwise split into a small file per set of
 * importers. Left out of `console`: what an entry runs before anything else loads (the console's
 * entry stays small, and the invite page never loads the console's code) and everything only
 * other pages reach (the whole contract's schemas among them: see startup-graph.test.ts). What
 * an entry shares with other code goes in one `<entry>-shared` file beside it: the invite page
 * loads two scripts, not four, under a crowd of invitees.
 */
export function rendererChunks() {
  /** Each entry's page (index.html, onboarding.html) and the modules it loads before it runs. */
  const entries = new Map<string, Set<string>>();
  /** An entry's modules that other code imports too, by the file they go in (`index-shared`…). */
  const shared = new Map<string, string>();
  const firstLoad = new Set<string>();
  const plugin: Plugin = {
    name: 'renderer-chunks',
    buildEnd() {
      const info = (id: string) => this.getModuleInfo(id);
      const walk = (seen: Set<string>, id: string) => {
        if (seen.has(id) || isPackage(id)) return;
        seen.add(id);
        for (const next of info(id)?.importedIds ?? []) walk(seen, next);
      };
      for (const id of this.getModuleIds()) {
        if (FIRST_LOAD.some((root) => slashed(id).endsWith(`/${root}`))) walk(firstLoad, id);
        if (info(id)?.isEntry) walk(entries.set(id, new Set()).get(id)!, id);
      }
      for (const [entry, graph] of entries) {
        const name = `${basename(entry, '.html')}-shared`;
        const share = (id: string) => {
          if (shared.has(id) || !graph.has(id) || /\.(css|html)$/.test(id)) return;
          shared.set(id, name);
          // What a shared module imports goes with it, rather than staying in the entry's own file.
          for (const next of info(id)?.importedIds ?? []) share(next);
        };
        for (const id of graph) {
          const importers = [...(info(id)?.importers ?? []), ...(info(id)?.dynamicImporters ?? [])];
          if (importers.some((importer) => !graph.has(importer))) share(id);
        }
      }
    },
  };
  const inEntry = (id: string) => [...entries.values()].some((graph) => graph.has(id));
  const groups = [
    { name: 'vendor', test: (id: string) => isPackage(id) && !/[\\/]@fontsource/.test(id) },
    {
      name: 'console',
      test: (id: string) => firstLoad.has(id) && !inEntry(id),
      // A console module's imports may belong to an entry (loaded by then): they stay there.
      includeDependenciesRecursively: false,
    },
    // What an entry shares with the console (or the invite page with it) in one file, not one each.
    { name: (id: string) => shared.get(id) ?? null, debugName: 'entry-shared', includeDependenciesRecursively: false },
  ];
  return { plugin, groups };
}
