import { readFile } from 'node:fs/promises';
import { extname, relative, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { RENDERER_CSP } from '../core/security/renderer-csp';

export const APP_SCHEME = 'app';
const APP_HOST = 'pooler';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Registered before `ready`: a standard, secure origin so fetch, storage and CSP behave as on https. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
};

/** The file under `rendererDir` an app:// URL names, or null for anything outside it. */
export function resolveAppFile(rendererDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  const path = decodeURIComponent(parsed.pathname);
  const file = resolve(rendererDir, `.${path === '/' ? '/index.html' : path}`);
  const inside = relative(rendererDir, file);
  if (inside === '' || inside.startsWith('..') || inside.includes(`..${sep}`) || resolve(rendererDir, inside) !== file)
    return null;
  return file;
}

/** Serves the built renderer on app://pooler/ with the console's CSP on every response. */
export async function serveAppRequest(rendererDir: string, request: Request): Promise<Response> {
  const file = resolveAppFile(rendererDir, request.url);
  if (!file) return new Response('Not found', { status: 404 });
  try {
    const body = await readFile(file);
    return new Response(body, {
      headers: {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': RENDERER_CSP,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}
