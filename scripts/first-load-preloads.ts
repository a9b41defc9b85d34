import type { HtmlTagDescriptor, Plugin, Rollup } from 'vite';
import { FIRST_LOAD, slashed } from './renderer-chunks';

/** The console's text is English: the Latin subset of its font is the one every screen draws with. */
const FONT = /(^|\/)inter-latin-wght-normal\.woff2$/;

/** A chunk and every chunk it imports statically, all the way down. */
function closure(bundle: Rollup.OutputBundle, fileName: string, into = new Set<string>()): Set<string> {
  const chunk = bundle[fileName];
  if (into.has(fileName) || chunk?.type !== 'chunk') return into;
  into.add(fileName);
  for (const next of chunk.imports) closure(bundle, next, into);
  return into;
}

/**
 * Links in the console's page that fetch what its entry always loads next — the console's code
 * (the libraries, the shell) and the font — while the document is still being parsed. Without
 * them the browser learns of the code only once the entry has run (its `import()` of the
 * console) and of the font only once the first layout draws text, then lays the page out again
 * with it; with them, both are on their way (the modules fetched and parsed) by the time
 * anything asks. The invite page is left as it is: it never loads either.
 */
export function firstLoadPreloads(): Plugin {
  let base = './';
  return {
    name: 'first-load-preloads',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle, chunk }): HtmlTagDescriptor[] | undefined {
        // The dev server has no bundle; the invite page's entry never imports the console.
        if (!bundle || !chunk) return;
        const consoleCode = Object.values(bundle).find(
          (file): file is Rollup.OutputChunk =>
            file.type === 'chunk' && chunk.dynamicImports.includes(file.fileName) && isFirstLoad(file),
        );
        if (!consoleCode) return;
        const already = closure(bundle, chunk.fileName);
        // Largest first: the browser sends six requests at a time to one host, and the libraries
        // take the longest to arrive.
        const size = (file: string) => (bundle[file] as Rollup.OutputChunk).code.length;
        const scripts = [...closure(bundle, consoleCode.fileName)]
          .filter((file) => !already.has(file))
          .sort((a, b) => size(b) - size(a));
        // Their stylesheets too, linked from the document: otherwise the entry's `import()`
        // requests them only once it runs, and resolves only when they have arrived.
        const styles = scripts.flatMap((file) => [
          ...((bundle[file] as Rollup.OutputChunk).viteMetadata?.importedCss ?? []),
        ]);
        const font = Object.values(bundle).find(
          (file) => file.type === 'asset' && file.originalFileNames.some((name) => FONT.test(name)),
        );
        const link = (attrs: Record<string, string | boolean>): HtmlTagDescriptor => ({
          tag: 'link',
          attrs,
          injectTo: 'head',
        });
        return [
          ...scripts.map((file) => link({ rel: 'modulepreload', crossorigin: true, href: base + file })),
          ...styles.map((file) => link({ rel: 'stylesheet', crossorigin: true, href: base + file })),
          // Fonts are fetched in CORS mode: a preload without `crossorigin` would be fetched twice.
          ...(font
            ? [link({ rel: 'preload', as: 'font', type: 'font/woff2', crossorigin: true, href: base + font.fileName })]
            : []),
        ];
      },
    },
  };
}

const isFirstLoad = (chunk: Rollup.OutputChunk) =>
  chunk.facadeModuleId !== null && slashed(chunk.facadeModuleId).endsWith(`/${FIRST_LOAD[0]}`);
