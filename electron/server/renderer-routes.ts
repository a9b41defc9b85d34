import { readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Core } from '../core';
import { signedInOperator } from './operator-session';

/** Tells the page it is served by a team server: calls carry the session cookie, and a lapsed one signs in again. */
const TEAM_MARKER = '<meta name="pooler-team-server" content="1">';

/**
 * The browser console, served by the team server: the same built renderer as the desktop app's,
 * for signed-in operators (anyone else is sent to the sign-in page first).
 */
export async function registerRenderer(app: FastifyInstance, options: { core: Core; rendererDir: string }) {
  const { core, rendererDir } = options;
  const indexHtml = (await readFile(join(rendererDir, 'index.html'), 'utf8')).replace(
    '</head>',
    `${TEAM_MARKER}</head>`,
  );
  app.get('/', async (req, reply) => {
    if (!(await signedInOperator(core, req))) return reply.code(303).header('Location', '/sign-in').send();
    return reply.header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(indexHtml);
  });
  await serveRendererAssets(app, rendererDir);
}

/**
 * The built renderer's files, except index.html (served above, with the team marker). Built assets carry
 * a content hash in their names: cached for good, which also lets the browser keep their compiled
 * code between starts.
 */
async function serveRendererAssets(app: FastifyInstance, rendererDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: rendererDir,
    prefix: '/',
    index: false,
    allowedPath: (path) => path !== '/index.html',
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header(
        'Cache-Control',
        path.includes(`${sep}assets${sep}`) ? 'private, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
}
