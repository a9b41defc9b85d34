import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Holds at most `max` sockets, so a flood cannot exhaust the process's file descriptors. When
 * full, a new connection takes the place of the longest-waiting socket that is not in the middle
 * of a request (one still sending its head — a slow-headers attack — or idle between requests);
 * only when every socket is busy is the newcomer refused. Half-sent requests therefore cannot
 * lock real visitors out until the header deadline cuts them off: a browser sends its whole head
 * at once and is answered. Long-lived responses (event streams) are busy and never evicted; their
 * number has caps of its own.
 */
export function guardConnections(server: Server, max: number): { open: () => number } {
  const all = new Set<Socket>();
  /** Sockets not inside a request, oldest first (a Set keeps insertion order). */
  const waiting = new Set<Socket>();

  const release = (socket: Socket) => {
    all.delete(socket);
    waiting.delete(socket);
  };

  server.on('connection', (socket: Socket) => {
    if (all.size >= max) {
      const oldest = waiting.values().next().value;
      if (!oldest) return void socket.destroy();
      release(oldest);
      oldest.destroy();
    }
    all.add(socket);
    waiting.add(socket);
    socket.once('close', () => release(socket));
  });
  server.on('request', (req, res) => {
    const socket = req.socket;
    waiting.delete(socket);
    // Back to the end of the queue once answered: an idle keep-alive socket may give way.
    res.once('finish', () => {
      if (all.has(socket) && !socket.destroyed) waiting.add(socket);
    });
  });
  return { open: () => all.size };
}
