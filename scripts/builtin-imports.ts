/** One static import at the start of what is left of a chunk: default, named or namespace bindings, and its source. */
const IMPORT = /^\s*import\s*(?:([\w$]+)\s*,?\s*)?(?:\{([^}]*)\}|\*\s*as\s+([\w$]+))?\s*from\s*(["'`])([^"'`]+)\4\s*;?/;
const BARE_IMPORT = /^\s*import\s*(["'`])[^"'`]+\1\s*;?/;

/** `{a as b, c, default as d}` as a destructuring pattern, and the binding `default` names (the module itself). */
function bindings(named: string): { pattern: string; whole: string[] } {
  const parts = named.split(',').map((part) => part.trim().split(/\s+as\s+/));
  const whole = parts.filter(([name]) => name === 'default').map(([name, as]) => as ?? name!);
  const pattern = parts
    .filter(([name]) => name && name !== 'default')
    .map(([name, as]) => (as ? `${name}:${as}` : name))
    .join(',');
  return { pattern, whole };
}

function asGetBuiltin(
  defaultName: string | undefined,
  named: string | undefined,
  namespace: string | undefined,
  source: string,
) {
  const module = `process.getBuiltinModule(${JSON.stringify(source)})`;
  const consts: string[] = [];
  for (const name of [defaultName, namespace]) if (name) consts.push(`const ${name}=${module};`);
  if (named) {
    const { pattern, whole } = bindings(named);
    for (const name of whole) consts.push(`const ${name}=${module};`);
    if (pattern) consts.push(`const{${pattern}}=${module};`);
  }
  return consts.join('');
}

/**
 * Rewrites the static imports of Node's own modules at the top of each chunk of the main
 * process's bundle (`import {join} from "node:path"`) as `process.getBuiltinModule` reads. As ES
 * modules, Node builds each a facade by reading every export, and reading lazy ones loads more:
 * `node:util`'s `diff` its diff algorithm, `node:crypto`'s `webcrypto` all of Web Crypto, and so on
 * (about 5 ms of a start of the browser console before its link is printed).
 * Node's modules do not change once loaded, so a binding read once is the same binding; and it is
 * read before the chunk's own code runs, as the import was (the chunks import one another without
 * cycles, so no chunk's code runs before the chunks it imports have run theirs).
 */
export const builtinImports = {
  name: 'builtin-imports',
  // Once every chunk is final: electron-vite's own last step adds `import … from "node:module"`.
  generateBundle(_options: unknown, bundle: Record<string, { type: string; code?: string }>) {
    for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk') chunk.code = rewrite(chunk.code!);
  },
};

function rewrite(code: string): string {
  let rest = code;
  let head = '';
  for (;;) {
    const imported = IMPORT.exec(rest);
    const bare = imported ? null : BARE_IMPORT.exec(rest);
    const statement = imported ?? bare;
    if (!statement) break;
    const source = imported?.[5];
    head += source?.startsWith('node:') ? asGetBuiltin(imported![1], imported![2], imported![3], source) : statement[0];
    rest = rest.slice(statement[0].length);
  }
  return head + rest;
}
