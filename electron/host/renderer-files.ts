import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
};

interface RendererFile {
  path: string;
  headers: Record<string, string>;
  body?: Promise<Buffer>;
}

/**
 * The built renderer as the console listener serves it, from its first byte: the page and its
 * assets need nothing of the core, so a browser opening the printed link loads and runs the
 * bundle while the core is still loading. The files are listed once at start and looked up by
 * exact path (nothing is resolved from a request, so nothing outside the folder can be named),
 * and read once. The page (`/`) is never cached; built assets carry a content hash in their
 * names and are cached for good, which also lets the browser keep their compiled code.
 * `/index.html` itself is not served: the page has one address.
 */
export function rendererFiles(rendererDir: string, securityHeaders: Record<string, string>) {
  const files = new Map<string, RendererFile>();
  for (const entry of readdirSync(rendererDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const url = `/${relative(rendererDir, path).split(sep).join('/')}`;
    const cacheControl =
      url === '/index.html'
        ? 'no-store'
        : url.startsWith('/assets/')
          ? 'private, max-age=31536000, immutable'
          : 'no-cache';
    const headers = {
      ...securityHeaders,
      'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
      'Cache-Control': cacheControl,
    };
    files.set(url === '/index.html' ? '/' : url, { path, headers });
  }

  /** Answers a GET or HEAD of one of the files and says true; anything else is left to the app. */
  return function serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const file = files.get(query === -1 ? url : url.slice(0, query));
    if (!file) return false;
    file.body ??= readFile(file.path);
    file.body.then(
      (body) => {
        res.writeHead(200, { ...file.headers, 'Content-Length': body.length });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      () => {
        // Removed from under a running console (a rebuild): answered like an unknown path.
        file.body = undefined;
        res.writeHead(404, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      },
    );
    return true;
  };
}
