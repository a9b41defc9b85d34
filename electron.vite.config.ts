import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { dependencies } from './package.json';

const root = import.meta.dirname;
/** Loaded from node_modules at run time: compiled add-ons cannot be bundled. */
const NATIVE_DEPENDENCIES = ['better-sqlite3', '@napi-rs/keyring', '@node-rs/argon2'];

export default defineConfig({
  main: {
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
        // Whitespace and comments out, names kept (stack traces in the log stay readable): a
        // start reads, hashes and compiles a third fewer bytes.
        output: { minify: { compress: false, mangle: false, codegen: { removeWhitespace: true } } },
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
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      minify: true,
      // Loaded from disk (app://) or loopback, never over a network: one bundle is fine.
      chunkSizeWarningLimit: 2048,
      // The console, and the invite page the onboarding server hosts (small, no React).
      rollupOptions: {
        input: { index: resolve(root, 'renderer/index.html'), onboarding: resolve(root, 'renderer/onboarding.html') },
        output: {
          // The console's libraries (React, MUI, the router, the query cache…) as one file: a cold
          // start otherwise asked for a dozen small shared chunks, and Chromium fetches six at a
          // time from one host over HTTP/1.1, so the tab's sign-in and first reads queued behind them.
          codeSplitting: { groups: [{ name: 'vendor', test: /[\\/]node_modules[\\/](?!@fontsource)/ }] },
        },
      },
    },
  },
});
