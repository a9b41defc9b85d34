import type BetterSqlite3 from 'better-sqlite3';
import { createRequire } from 'node:module';

/**
 * better-sqlite3, loaded as the CommonJS package it is. Imported as an ES module, Node first reads
 * its entry to tell the format and scans it (and what it re-exports) for named exports: with the
 * keychain's add-on (keychain.ts), about 15 ms of every start.
 */
export const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
