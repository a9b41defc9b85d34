import { connect } from 'node:net';

/**
 * Sends a request head promising a 100-byte body, then trickles one byte every 200 ms, as a
 * slow-loris client would. Resolves when the server hangs up: how long that took, and its answer.
 */
export async function trickleRequest(port: number, head: string): Promise<{ afterMs: number; answer: string }> {
  const socket = connect(port, '127.0.0.1');
  const started = Date.now();
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
  const hungUp = new Promise<number>((resolve) => socket.on('end', () => resolve(Date.now() - started)));
  // Writing on after the server hung up fails: that is the point.
  socket.on('error', () => undefined);
  socket.write(`${head}Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{`);
  const trickle = setInterval(() => socket.writable && socket.write(' '), 200);
  const afterMs = await hungUp;
  clearInterval(trickle);
  socket.destroy();
  return { afterMs, answer };
}
