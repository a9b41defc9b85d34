import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { streamEvents } from '../../electron/core/http/event-stream';
import type { createTeamDoor } from '../../electron/main/team-door';

/**
 * The desktop app's window without Electron, for a browser test: the built renderer, and a
 * `window.pooler` bridge (BRIDGE_SCRIPT, installed before the page loads) whose calls and events
 * reach the main process's real door over loopback HTTP instead of IPC. Everything behind the
 * door — the local core, the team client, the team server — is the real thing.
 */
export async function startDesktopShell(door: ReturnType<typeof createTeamDoor>, rendererDir: string) {
  const app = Fastify({ logger: false });
  const indexHtml = await readFile(join(rendererDir, 'index.html'), 'utf8');
  app.get('/', (_req, reply) => reply.type('text/html; charset=utf-8').send(indexHtml));
  await app.register(fastifyStatic, { root: rendererDir, prefix: '/', index: false });
  app.post<{ Params: { channel: string } }>('/rpc/:channel', (req) => door.dispatch(req.params.channel, req.body));
  app.get('/events', (_req, reply) => {
    reply.hijack();
    streamEvents({ eventsEmitted: () => 0, subscribe: door.subscribe }, reply.raw, {});
  });
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  return { origin, close: () => app.close() };
}

/** The preload's bridge, as the page sees it: one function per channel, and `subscribe`. */
export const BRIDGE_SCRIPT = `(() => {
  const call = (channel, input) =>
    fetch('/rpc/' + channel, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    }).then((response) => response.json());
  const subscribe = (listener) => {
    const source = new EventSource('/events');
    source.onmessage = (message) => listener(JSON.parse(message.data));
    return () => source.close();
  };
  window.pooler = new Proxy({}, {
    get: (_target, group) =>
      group === 'subscribe' ? subscribe : new Proxy({}, { get: (_t, method) => (input) => call(group + '.' + method, input) }),
  });
})();`;
