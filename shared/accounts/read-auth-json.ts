import { authJsonFileSchema, pickAuthJsonFields, type AuthJsonFile } from '../contract/upstreams';

/** Far above any real auth.json (a few kB), far below what could hurt to read. */
export const AUTH_JSON_MAX_BYTES = 64 * 1024;

export type AuthJsonReading = { file: AuthJsonFile } | { problem: string };

/**
 * A chosen file's text as the contract reads it: the file, or the first thing wrong with it, in
 * the order that names the real reason (size, emptiness, JSON, then the kind of login).
 */
export function readAuthJsonText(text: string, bytes: number): AuthJsonReading {
  if (bytes > AUTH_JSON_MAX_BYTES) return { problem: 'That file is too large to be a Codex auth.json.' };
  // Editors on Windows may save with a byte-order mark; JSON.parse refuses one.
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { problem: 'That file is empty. Choose the auth.json from ~/.codex.' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { problem: 'That file is not JSON. Choose the auth.json from ~/.codex.' };
  }
  const file = authJsonFileSchema.safeParse(pickAuthJsonFields(parsed));
  return file.success
    ? { file: file.data }
    : { problem: file.error.issues[0]?.message ?? 'This file is not a Codex auth.json.' };
}
