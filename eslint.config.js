import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import playwright from 'eslint-plugin-playwright';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** Forbid packages in a layer (no-restricted-imports), with the reason in the message. */
function bannedPackages(names, message) {
  return {
    paths: names.map((name) => ({ name, message })),
    patterns: [{ group: names.map((n) => `${n}/*`), message }],
  };
}

// The layer rules of ARCHITECTURE.md: shared ← everyone; renderer → shared only;
// core → shared + Node + libraries, never electron; main → core, shared, electron;
// preload → shared + electron; host → core, shared; server → core, shared.
const LAYER_ZONES = [
  { target: './shared', from: ['./electron', './renderer'], message: 'shared/ is pure: it imports no other layer.' },
  {
    target: './renderer',
    from: ['./electron'],
    message: 'The renderer reaches the core only through the contract in shared/.',
  },
  {
    target: './electron/core',
    from: ['./electron/main', './electron/preload', './electron/host', './electron/server', './renderer'],
    message: 'The core is plain Node: it must not depend on a shell.',
  },
  {
    target: './electron/main',
    from: ['./electron/host', './electron/server', './electron/preload', './renderer'],
    message: 'main imports core and shared only.',
  },
  {
    target: './electron/preload',
    from: ['./electron/core', './electron/main', './electron/host', './electron/server', './renderer'],
    message: 'The preload imports shared only.',
  },
  {
    target: './electron/host',
    from: ['./electron/main', './electron/preload', './electron/server', './renderer'],
    message: 'host imports core and shared only.',
  },
  {
    target: './electron/server',
    from: ['./electron/main', './electron/preload', './electron/host', './renderer'],
    message: 'server imports core and shared only.',
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.json', 'renderer/tsconfig.json'],
          alwaysTryTypes: true,
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // An unresolved import would slip past the layer zones below, so it is an error itself.
      // Exempt: CSS-only font packages, and the launch scripts' imports of the built entries (host, restore), which
      // exists only after `npm run build`.
      'import-x/no-unresolved': ['error', { ignore: ['^@fontsource', '^\\.\\./out/main/[a-z-]+\\.js$'] }],
      'import-x/no-restricted-paths': ['error', { zones: LAYER_ZONES }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        bannedPackages(
          [...NODE_BUILTINS, 'electron', 'react', 'react-dom', '@mui/material'],
          'shared/ is pure TypeScript: no Node, Electron or React.',
        ),
      ],
    },
  },
  {
    files: ['renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        bannedPackages([...NODE_BUILTINS, 'electron'], 'The renderer runs in a sandboxed page: no Node or Electron.'),
      ],
      // MUI 9 dropped the system props of Box, Stack and Typography: `color="text.secondary"`
      // type-checks (any string is a colour) but styles nothing, and the text keeps its parent's colour.
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='color'] > Literal[value=/\\./]",
          message: 'A `color` prop takes a palette key (textSecondary, error), not a theme path: put paths in sx.',
        },
      ],
    },
  },
  {
    files: ['electron/core/**', 'electron/host/**', 'electron/server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        bannedPackages(['electron'], 'Only electron/main and electron/preload may import electron.'),
      ],
    },
  },
  {
    // The core's storage is asynchronous (SQLite or PostgreSQL): a write not awaited, or a promise
    // where a boolean or a callback's void was meant, is a lost or unordered change. The type
    // checker finds both.
    files: ['electron/**/*.ts', 'test/integration/**/*.ts', 'test/support/**/*.ts', 'test/bench/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // A promise in a template is an address like "[object Promise]/onboarding": one that was not awaited.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        {
          allowNumber: true,
          allowBoolean: true,
          allowNullish: true,
          allowAny: true,
          allowRegExp: true,
          allowNever: true,
        },
      ],
    },
  },
  {
    // End-to-end tests read as prose: web-first assertions, no fixed waits, no skipped tests.
    files: ['test/e2e/**'],
    ...playwright.configs['flat/recommended'],
    rules: {
      ...playwright.configs['flat/recommended'].rules,
      'playwright/no-wait-for-timeout': 'error',
      'playwright/no-skipped-test': 'error',
      'playwright/no-focused-test': 'error',
      'playwright/no-raw-locators': ['error', { allowed: ['tbody tr[data-invite-id]'] }],
    },
  },
  {
    files: ['electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        bannedPackages(
          [...NODE_BUILTINS, 'zod'],
          'The sandboxed preload is one small script: electron and shared/ only.',
        ),
      ],
    },
  },
);
