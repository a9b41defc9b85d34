import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openaiExchange } from '../../../../electron/core/openai/openai-http';

/** A TCP server that accepts connections and never answers: OpenAI hanging, as seen from here. */
async function silentServer() {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    // Read (and drop) the request, so the client's hang-up is seen.
    socket.resume();
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    sockets,
    close() {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

let server: Awaited<ReturnType<typeof silentServer>> | undefined;
afterEach(() => server?.close());

describe('an OpenAI that accepts and never answers', () => {
  it('is given up on after the timeout, and its connection is closed', async () => {
    server = await silentServer();
    const started = performance.now();
    await expect(
      openaiExchange(`${server.url}/backend-api/wham/usage`, { method: 'GET', timeoutMs: 300 }),
    ).rejects.toThrow('OpenAI did not answer in time');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    await expect.poll(() => server!.sockets.size).toBe(0);
  });
});
