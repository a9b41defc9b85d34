import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { dependencies } from './package.json';
import { builtinImports } from './scripts/builtin-imports';
import { eagerCommonJs } from './scripts/eager-commonjs';
import { firstLoadPreloads } from './scripts/first-load-preloads';
import { invitePageEncodings } from './scripts/invite-page-encodings';
import { rendererChunks } from './scripts/renderer-chunks';

const root = import.meta.dirname;

/**
 * `charset: 'ascii'` escapes strings, templates and names, but not the license comments the
 * bundle keeps (a maintainer's name with an accent): escaped here, where they are only text.
 */
const asciiComments = {
  name: 'ascii-comments',
  renderChunk: (code: string) =>
    code.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`),
};

const chunks = rendererChunks();

/** Loaded from node_modules at run time: compiled add-ons cannot be bundled. */
const NATIVE_DEPENDENCIES = ['better-sqlite3', '@napi-rs/keyring', '@node-rs/argon2'];

export default defineConfig({
  main: {
    plugins: [builtinImports],
    build: {
      outDir: 'out/main',
      // Pure-JS dependencies are bundled: a start then reads one file instead of resolving and
      // loading hundreds (about 130 ms of the browser console's start). Native ones stay outside.
      externalizeDeps: { exclude: Object.keys(dependencies).filter((name) => !NATIVE_DEPENDENCIES.includes(name)) },
      rollupOptions: {
        // The browser console (host) is built with the main process: both are plain Node
        // bundles of the same core, and neither needs its own toolchain.
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          host: resolve(root, 'electron/host/index.ts'),
          restore: resolve(root, 'electron/host/restore.ts'),
          serve: resolve(root, 'electron/server/index.ts'),
        },
        // Fastify loads its JSON-schema compilers (ajv, fast-json-stringify) only for a route
        // schema, which we never use (core/http/hardened-server.ts), and light-my-request only for
        // `inject`, a testing aid: left out of the bundle, they are not compiled and read from
        // the compile cache on every start.
        external: ['@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler', 'light-my-request'],
        // Whitespace and comments out, names kept (stack traces in the log stay readable): a
        // start reads, hashes and compiles a third fewer bytes. ASCII only: one character
        // beyond it makes V8 hold the whole file as a two-byte string, slower to decode and scan.
        output: {
          minify: { compress: false, mangle: false, codegen: { removeWhitespace: true } },
          charset: 'ascii',
          plugins: [asciiComments, eagerCommonJs],
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot load ESM or node_modules: one self-contained CJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), chunks.plugin, firstLoadPreloads(), invitePageEncodings()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      minify: true,
      // Loaded from disk (app://) or loopback, never over a network: one bundle is fine.
      chunkSizeWarningLimit: 2048,
      // The console, and the invite page the onboarding server hosts (small, no React).
      rollupOptions: {
        input: { index: resolve(root, 'renderer/index.html'), onboarding: resolve(root, 'renderer/onboarding.html') },
        output: {
          // The libraries in one file, the console's first load in another (scripts/renderer-chunks.ts).
          codeSplitting: { groups: chunks.groups },
          // As the main process's bundle (above): the browser, too, keeps an all-ASCII script as one byte a character.
          charset: 'ascii',
        },
      },
    },
  },
});
