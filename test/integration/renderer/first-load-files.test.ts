import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const OUT = join(import.meta.dirname, '../../../out/renderer');

const read = (file: string) => readFileSync(join(OUT, file), 'utf8');

/** A built file and every file it imports statically, all the way down (the build's minified form). */
function loaded(file: string, into = new Set<string>()): Set<string> {
  if (into.has(file)) return into;
  into.add(file);
  for (const [, path] of read(file).matchAll(/(?:\bfrom|\bimport)\s*["'`]\.\/([\w.-]+\.js)["'`]/g))
    loaded(`assets/${path}`, into);
  return into;
}

/** The file `import()` names in `file` for a module whose chunk name starts with `name`. */
function dynamicImport(file: string, name: string): string {
  const found = new RegExp(`import\\(["'\`]\\./(${name}-[\\w-]+\\.js)["'\`]\\)`).exec(read(file))?.[1];
  if (!found) throw new Error(`${file} does not import ${name}`);
  return `assets/${found}`;
}

const scriptOf = (html: string) => /<script type="module" crossorigin src="\.\/([^"]+)"/.exec(read(html))![1]!;

// Strings only the whole contract's schemas hold (a Port's range on Settings, a team member's role).
const EVERY_SCHEMA = ['Port must be 0 to 65535.', 'An admin needs at least one Pool'];
const REACT = 'react.transitional.element';

describe('the files the console and the invite page load first', () => {
  const entry = scriptOf('index.html');
  const atEntry = loaded(entry);
  const mount = dynamicImport(entry, 'mount');
  const pages = [...atEntry].find((file) => read(file).includes('PoolsPage-'))!;
  const opening = (page: string) =>
    [...loaded(dynamicImport(pages, page), loaded(mount))].filter((f) => !atEntry.has(f));

  it('reads the build it is meant to: the markers are there, in a later page’s files', () => {
    const all = readdirSync(join(OUT, 'assets')).map((file) => read(`assets/${file}`));
    for (const marker of [...EVERY_SCHEMA, REACT]) expect(all.some((code) => code.includes(marker))).toBe(true);
  });

  // Chromium fetches six files at a time from one host over HTTP/1.1, and the tab's sign-in and
  // first reads go out beside them: fifteen small shared chunks made them queue.
  it.each([
    { page: 'Pools', chunk: 'PoolsPage', most: 6 },
    { page: 'Invites', chunk: 'InvitesPage', most: 6 },
  ])('opens on $page with its code in at most $most files beyond the entry’s', ({ chunk, most }) => {
    const files = opening(chunk);
    expect(files.length).toBeLessThanOrEqual(most);
    expect(files.some((file) => file.includes('/vendor-'))).toBe(true);
    expect(files.some((file) => file.includes('/console-'))).toBe(true);
  });

  it('builds no schema of a channel it does not call before the page paints', () => {
    const files = [...atEntry, ...opening('PoolsPage'), ...opening('InvitesPage')];
    const found = files.filter((file) => EVERY_SCHEMA.some((marker) => read(file).includes(marker)));
    expect(found).toEqual([]);
  });

  it('keeps the invite page free of the console’s code and libraries, in two scripts', () => {
    const files = [...loaded(scriptOf('onboarding.html'))];
    expect(files.filter((file) => read(file).includes(REACT) || file.includes('/console-'))).toEqual([]);
    // Its own, and what it shares with the console (receipt lines, expiry labels): one file, not one each.
    expect(files).toHaveLength(2);
  });

  it('starts the console’s entry from two scripts', () => {
    expect(atEntry.size).toBe(2);
  });

  // The entry asks for the console's code only once it runs, and the font is asked for only once
  // a layout draws text: the page names both up front so they arrive while it is parsed.
  it('names the console’s code and its font in the page, so both are fetched while it is parsed', () => {
    const consoleCode = [...loaded(mount)].filter((file) => !atEntry.has(file));
    expect(consoleCode.some((file) => file.includes('/vendor-'))).toBe(true);
    const preloaded = preloads('index.html');
    for (const file of consoleCode)
      expect(preloaded).toContainEqual({ href: `./${file}`, as: null, crossorigin: true });
    const font = preloaded.filter((link) => link.as === 'font');
    expect(font).toHaveLength(1);
    expect(font[0]!.href).toMatch(/^\.\/assets\/inter-latin-wght-normal-[\w-]+\.woff2$/);
    // A font is fetched in CORS mode: without `crossorigin` the preloaded copy goes unused.
    expect(font[0]!.crossorigin).toBe(true);
    expect(readdirSync(join(OUT, 'assets'))).toContain(font[0]!.href.slice('./assets/'.length));
  });

  // The entry's `import()` of the console's code resolves only once the code's stylesheets have
  // arrived, and asks for them only when it runs: the page links them up front.
  it('links the stylesheets of the console’s code in the page', () => {
    const named = [...atEntry].flatMap((file) =>
      [...read(file).matchAll(/["']\.\/([\w-]+\.css)["']/g)].map(([, css]) => `assets/${css}`),
    );
    expect(named.some((css) => css.startsWith('assets/console-'))).toBe(true);
    const linked = [...read('index.html').matchAll(/<link rel="stylesheet"[^>]*href="\.\/([^"]+)"/g)].map(
      ([, href]) => href,
    );
    for (const css of named) expect(linked).toContain(css);
  });

  it('leaves the invite page to fetch only its own two scripts', () => {
    expect(preloads('onboarding.html').map((link) => link.href)).toEqual([
      `./${[...loaded(scriptOf('onboarding.html'))][1]}`,
    ]);
  });
});

/** The page's `<link rel="modulepreload">` and `<link rel="preload">` tags, in order. */
function preloads(html: string): { href: string; as: string | null; crossorigin: boolean }[] {
  return [...read(html).matchAll(/<link rel="(?:modulepreload|preload)"[^>]*>/g)].map(([tag]) => ({
    href: /href="([^"]+)"/.exec(tag)![1]!,
    as: /\bas="([^"]+)"/.exec(tag)?.[1] ?? null,
    crossorigin: /\scrossorigin[\s>=]/.test(tag),
  }));
}
