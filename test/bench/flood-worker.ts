// A flood of the onboarding listener, in a worker thread so that its work is not the measuring
// thread's: half-sent requests that hold sockets, event streams, and token lookups as fast as
// they are answered, from many loopback addresses. Posts a tally when told to stop.
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

const { origin, urls, slowSockets, loops } = workerData as {
  origin: string;
  urls: string[];
  slowSockets: number;
  loops: number;
};
const { hostname, port } = new URL(origin);
let running = true;
const tally: Record<string, number> = {};
const count = (what: string) => (tally[what] = (tally[what] ?? 0) + 1);
const address = (n: number) => `127.1.${Math.floor(n / 250) % 250}.${(n % 250) + 2}`;

/** Half a request, then silence, from its own address; replaced when the listener cuts it off. */
function slow(n: number) {
  if (!running) return;
  const socket: Socket = connect({ host: hostname, port: Number(port), localAddress: address(n) }, () =>
    socket.write('GET /onboarding/invites/x HTTP/1.1\r\nHost: flood\r\n'),
  );
  socket.on('data', () => count('slow cut off'));
  socket.on('error', () => count('slow refused'));
  socket.on('close', () => setImmediate(() => slow(n)));
}

function hit(url: string, n: number, method = 'GET'): Promise<void> {
  return new Promise((resolve) => {
    const req = request(url, { method, localAddress: address(n), agent: false }, (response) => {
      count(`${method} ${response.statusCode}`);
      // Streams are left open for a moment, then dropped, as a crowd of pages would.
      if (url.endsWith('/events')) setTimeout(() => response.destroy(), 2_000).unref();
      else response.resume();
      resolve();
    });
    req.on('error', () => {
      count('error');
      resolve();
    });
    req.end();
  });
}

async function loop(n: number) {
  for (let i = 0; running; i++) {
    const url = urls[(n + i) % urls.length]!;
    await hit(url, 10_000 + n);
    await hit(`${url}/events`, 10_000 + n);
    await hit(`${origin}/onboarding/invites/${'F'.repeat(43)}/start`, 10_000 + n, 'POST');
  }
}

for (let n = 0; n < slowSockets; n++) slow(n);
const loopsDone = Promise.all(Array.from({ length: loops }, (_, n) => loop(n)));
parentPort!.postMessage({ ready: true });
parentPort!.on('message', () => {
  running = false;
  void loopsDone.then(() => parentPort!.postMessage({ tally }));
});
