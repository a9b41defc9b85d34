import { createServer } from 'node:net';

// Below Linux's ephemeral range (32768–60999): an outgoing connection (a browser, a check, a
// fetch) never takes one of these as its local port between our probe and the real bind, which a
// port picked with listen(0) allows.
const LOW = 20_000;
const HIGH = 32_000;

function bindable(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port with nothing listening on it (bound, then released), outside the ephemeral range. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (await bindable(port)) return port;
  }
}
