// A stand-in for cloudflared, ngrok and tailscale: prints exactly the documented lines
// (../shared/reference/tunnels.md) and forwards a real TCP port to the origin it was given, so a
// reachability check goes through a second address (127.0.0.2). STANDIN_BEHAVIOUR picks a fault.
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';

const [program, ...args] = process.argv.slice(2);
const behaviour = process.env.STANDIN_BEHAVIOUR ?? 'ok';
const out = (line) => process.stdout.write(`${line}\n`);
const err = (line) => process.stderr.write(`${line}\n`);
const stamp = '2026-08-20T10:00:00Z';

/** Listens on 127.0.0.2 (TLS when the test gave a certificate) and pipes each connection to the origin. */
function forward(originPort) {
  const pipe = (socket) => {
    const origin = net.connect(originPort, '127.0.0.1');
    socket.pipe(origin).pipe(socket);
    origin.on('error', () => socket.destroy());
    socket.on('error', () => origin.destroy());
  };
  const cert = process.env.STANDIN_TLS_CERT;
  const server = cert
    ? tls.createServer({ cert: readFileSync(cert), key: readFileSync(process.env.STANDIN_TLS_KEY) }, pipe)
    : net.createServer(pipe);
  return new Promise((resolve) => server.listen(0, '127.0.0.2', () => resolve(server.address().port)));
}

function stayUp() {
  if (process.env.STANDIN_PID_FILE) writeFileSync(process.env.STANDIN_PID_FILE, String(process.pid));
  process.on('SIGTERM', () => {
    if (program === 'cloudflared') err(`${stamp} INF Initiating graceful shutdown due to signal terminated ...`);
    if (program === 'ngrok')
      out(JSON.stringify({ lvl: 'info', msg: 'received stop request', obj: 'app', stopReq: {}, t: stamp }));
    process.exit(0);
  });
  setInterval(() => undefined, 60_000);
}

const banner = (text) => `${stamp} INF |  ${text.padEnd(88)}  |`;
const border = `${stamp} INF +${'-'.repeat(92)}+`;

async function cloudflared() {
  if (args[0] === '--version') return out('cloudflared version 2026.8.2 (built 2026-08-20-09:54 UTC)');
  const origin = Number(new URL(args[args.indexOf('--url') + 1]).port);
  if (behaviour === 'exit') {
    err(
      'failed to request quick Tunnel: Post "https://api.trycloudflare.com/tunnel": dial tcp: lookup api.trycloudflare.com: no such host',
    );
    process.exit(1);
  }
  err(`${stamp} INF Requesting new quick Tunnel on trycloudflare.com...`);
  stayUp();
  if (behaviour === 'silent') return;
  // An error line naming the API host comes first: it must never be taken for the address.
  err(
    `${stamp} ERR Error unmarshaling QuickTunnel response: error code: 1015 error="https://api.trycloudflare.com/tunnel" status_code="429 Too Many Requests"`,
  );
  const port = await forward(origin);
  err(border);
  err(banner('Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):'));
  err(banner(process.env.STANDIN_URL ?? 'https://lovely-example-words-here.trycloudflare.com'));
  err(border);
  err(`${stamp} INF Version 2026.8.2 (Checksum ${'9f2c'.repeat(16)})`);
  err(`${stamp} INF Starting metrics server on 127.0.0.1:20241/metrics (forwarding on 127.0.0.2:${port})`);
  err(
    `${stamp} INF Registered tunnel connection connIndex=0 connection=0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b event=0 ip=198.41.200.13 location=lax01 protocol=quic`,
  );
}

async function ngrok() {
  if (args[0] === 'version') return out('ngrok version 3.19.1');
  const origin = Number(args[1].split(':')[1]);
  const record = (fields) =>
    out(JSON.stringify(Object.fromEntries(Object.entries({ ...fields, t: '2026-08-20T10:00:01.123456789Z' }).sort())));
  record({ err: '<nil>', lvl: 'info', msg: 'open config file', path: '/root/.config/ngrok/ngrok.yml' });
  if (behaviour === 'no-auth') {
    const why =
      'authentication failed: Usage of ngrok requires a verified account and authtoken.\n\nSign up for an account: https://dashboard.ngrok.com/signup\nInstall your authtoken: https://dashboard.ngrok.com/get-started/your-authtoken\r\n\r\nERR_NGROK_4018\r\n';
    record({ err: why, lvl: 'eror', msg: 'failed to reconnect session', obj: 'tunnels.session' });
    record({ err: why, lvl: 'crit', msg: 'command failed' });
    err('ERROR:  authentication failed: Usage of ngrok requires a verified account and authtoken.');
    process.exit(1);
  }
  record({ addr: '127.0.0.1:4040', lvl: 'info', msg: 'starting web service', obj: 'web' });
  stayUp();
  if (behaviour === 'silent') return;
  const port = await forward(origin);
  record({ lvl: 'info', msg: 'tunnel session started', obj: 'tunnels.session' });
  const url =
    behaviour === 'malformed'
      ? 'ftp://example-words.ngrok-free.app'
      : (process.env.STANDIN_URL ?? `https://127.0.0.2:${port}`);
  record({
    addr: `http://127.0.0.1:${origin}`,
    lvl: 'info',
    msg: 'started tunnel',
    name: 'command_line',
    obj: 'tunnels',
    url,
  });
}

async function tailscale() {
  if (args[0] === 'version')
    return out('1.102.3\n  tailscale commit: abc\n  long version: 1.102.3-tabc-gdef\n  go version: go1.26.2');
  if (args[0] === 'status')
    return out(JSON.stringify({ Self: { DNSName: 'myhost.tail1234.ts.net.', Online: true } }, null, 2));
  const origin = Number(args[1]);
  if (behaviour === 'funnel-off') {
    out('');
    out('Funnel is not enabled on your tailnet.');
    out('To enable, visit:');
    out('');
    out('         https://login.tailscale.com/f/funnel?node=nho4oGYG7X11CNTRL');
    out('');
    process.exit(0);
  }
  stayUp();
  await forward(origin);
  out('Available on the internet:');
  out('');
  out('https://myhost.tail1234.ts.net/');
  out(`|-- proxy http://127.0.0.1:${origin}`);
  out('');
  out('Press Ctrl+C to exit.');
}

if (behaviour === 'exit' && program !== 'cloudflared' && !['version', '--version', 'status'].includes(args[0])) {
  err(`${program}: could not start`);
  process.exit(1);
}
await { cloudflared, ngrok, tailscale }[program]();
