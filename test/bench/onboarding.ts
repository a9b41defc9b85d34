import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request, type IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { startFakeOpenAI } from '../fakes/openai/fake-openai-server';
import { rpc, startConsoleProcess } from '../support/console-process';
import { freePort } from '../support/free-port';
import { makeTempDir } from '../support/temp-dir';
import { deleteKeychainKey } from '../support/test-core';
import { cpuSeconds } from './process-cpu';
import { percentile, summary } from './stats';

const LOADS = 200;
// A round's requests share its moment (a collection, a busy core), so its tail is one block of
// samples and the p95 is set by the worst few rounds: over 15 rounds the same build read 1.0 to
// 1.6x its floor from run to run, over 40 0.94 to 1.33x, over 100 0.97 to 1.01x. Each invitee
// loads its page once a round, so the rounds stay under the listener's per-client budget of
// lookups a minute (`lookupsPerMinute`, onboarding-limits.ts), or the burst would be refused.
const ROUNDS = 100;
const SESSIONS = 50;
const CPU_WINDOW_MS = 30_000;

/**
 * One GET from its own loopback address (127.0.0.N): each simulated invitee is a different
 * client, as they are in life, so the per-client rate limit applies to each one separately. It
 * accepts compressed bodies as a browser does, and keeps the bytes as they came.
 */
function get(
  url: string,
  client: number,
  keepOpen = false,
): Promise<{ status: number; body: Buffer; response: IncomingMessage }> {
  const localAddress = `127.0.${Math.floor(client / 250)}.${(client % 250) + 2}`;
  return new Promise((resolve, reject) => {
    const headers = { 'Accept-Encoding': 'gzip, deflate, br' };
    const req = request(url, { localAddress, agent: false, headers }, (response) => {
      if (keepOpen) return resolve({ status: response.statusCode!, body: Buffer.alloc(0), response });
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: Buffer.concat(chunks), response }));
    });
    req.on('error', reject);
    req.end();
  });
}

function post(url: string, client: number): Promise<number> {
  const localAddress = `127.0.${Math.floor(client / 250)}.${(client % 250) + 2}`;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', localAddress, agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode!));
    });
    req.on('error', reject);
    req.end();
  });
}

async function cpuShare(pid: number): Promise<number> {
  const before = cpuSeconds(pid);
  const started = performance.now();
  await new Promise((r) => setTimeout(r, CPU_WINDOW_MS));
  return (cpuSeconds(pid) - before) / ((performance.now() - started) / 1000);
}

/** ROUNDS bursts of every invitee loading its page at once: the document, then its assets. */
/** One round: every invitee opens its page at once, then its script and style. */
async function loadRound(urls: string[], origin: string, assets: string[], into: Timings) {
  const { documentMs, pageMs } = into;
  await Promise.all(
    urls.map(async (url, client) => {
      const started = performance.now();
      const page = await get(url, client);
      if (page.status !== 200)
        throw new Error(`invite page answered ${page.status}: ${page.body.toString().slice(0, 200)}`);
      documentMs.push(performance.now() - started);
      await Promise.all(assets.map((asset) => get(`${origin}${asset}`, client)));
      pageMs.push(performance.now() - started);
    }),
  );
}

interface Timings {
  documentMs: number[];
  pageMs: number[];
}

/** What a browser is sent for the page's assets: path, bytes as sent, and their encoding. */
interface SentAsset {
  path: string;
  body: string;
  encoding: string | null;
  type: string;
}

/**
 * The floor this machine sets: a bare Fastify server in its own process answering the same HTML
 * and the very same asset bytes, with no lookup, no rate limit and no headers. What the invite
 * page costs above it is ours.
 */
async function startBaseline(html: string, assets: SentAsset[]): Promise<{ origin: string; stop(): void }> {
  const script = `const app = require('fastify')({ logger: false });
const assets = JSON.parse(process.env.BASELINE_ASSETS);
app.get('/page', (_req, reply) => reply.type('text/html; charset=utf-8').send(process.env.BASELINE_HTML));
for (const asset of assets) {
  const body = Buffer.from(asset.body, 'base64');
  app.get(asset.path, (_req, reply) => {
    if (asset.encoding) reply.header('Content-Encoding', asset.encoding);
    return reply.type(asset.type).send(body);
  });
}
app.listen({ host: '127.0.0.1', port: 0 }).then(() => console.log(app.server.address().port));`;
  const child = spawn(process.execPath, ['-e', script], {
    env: { ...process.env, BASELINE_HTML: html, BASELINE_ASSETS: JSON.stringify(assets) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  return { origin: `http://127.0.0.1:${chunk.toString().trim()}`, stop: () => child.kill() };
}

/**
 * The onboarding listener of a browser console process, on loopback: 200 invitees opening their
 * invite page at once (the document, then its script and style, as a browser does), and the
 * CPU the console spends while 50 device-code sessions poll the fake OpenAI at its real pace.
 */
export async function benchOnboarding(): Promise<void> {
  const dir = makeTempDir('pooler-bench-onboarding');
  const env = {
    POOLER_KEYCHAIN_SERVICE: `pooler-bench-onboarding-${process.pid}`,
    POOLER_ONBOARDING_PORT: String(await freePort()),
  };
  // The real server's interval: every session polls every 5 s.
  const fake = await startFakeOpenAI({ switches: { interval: '5' } });
  const pooler = await startConsoleProcess({ dataDir: dir.path, env: { ...env, POOLER_OPENAI_ISSUER: fake.issuer } });
  try {
    await rpc(pooler, 'settings.updateOperator', { displayName: 'Bench', email: 'bench@example.com' });
    const pool = await rpc(pooler, 'pools.create', { name: 'Bench' });
    const urls: string[] = [];
    for (let i = 0; i < Math.max(LOADS, SESSIONS); i++) {
      urls.push(
        (
          await rpc(pooler, 'invites.create', {
            poolId: pool.id,
            email: `invitee${i}@example.com`,
            expiry: '24h',
            sendEmail: false,
          })
        ).url,
      );
    }
    const html = (await get(urls[0]!, 0)).body.toString();
    const assets = [...html.matchAll(/(?:src|href)="(\/onboarding\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    const origin = new URL(urls[0]!).origin;
    const sent: SentAsset[] = [];
    for (const path of assets) {
      const { body, response } = await get(`${origin}${path}`, 0);
      const encoding = response.headers['content-encoding'] ?? null;
      sent.push({ path, body: body.toString('base64'), encoding, type: response.headers['content-type'] ?? '' });
    }

    // Rounds alternate between the console and its floor, so a slow moment of the machine falls
    // on both sides alike.
    const baseline = await startBaseline(html, sent);
    const ours: Timings = { documentMs: [], pageMs: [] };
    const bare: Timings = { documentMs: [], pageMs: [] };
    const bareUrls = Array.from({ length: LOADS }, () => `${baseline.origin}/page`);
    for (let round = 0; round < ROUNDS; round++) {
      await loadRound(urls.slice(0, LOADS), origin, assets, ours);
      await loadRound(bareUrls, baseline.origin, assets, bare);
    }
    baseline.stop();
    const { documentMs, pageMs } = ours;

    const idle = await cpuShare(pooler.pid);
    const streams: IncomingMessage[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      const status = await post(`${urls[i]}/start`, LOADS + i);
      if (status !== 200) throw new Error(`start answered ${status}`);
      // Each pending page keeps its event stream open, as the real page does.
      streams.push((await get(`${urls[i]}/events`, LOADS + i, true)).response);
    }
    const pollsBefore = fake.requests.filter((r) => r.path === '/api/accounts/deviceauth/token').length;
    const polling = await cpuShare(pooler.pid);
    const polls = fake.requests.filter((r) => r.path === '/api/accounts/deviceauth/token').length - pollsBefore;
    for (const stream of streams) stream.destroy();

    const pct = (share: number) => `${(share * 100).toFixed(2)} % of one core`;
    const ratio = (ours: number[], floor: number[]) => (percentile(ours, 95) / percentile(floor, 95)).toFixed(2);
    const bytes = sent.map(
      (a) => `${a.path.split('/').at(-1)} ${Buffer.from(a.body, 'base64').length} B ${a.encoding ?? 'identity'}`,
    );
    console.log(
      `Onboarding listener (loopback, ${LOADS} concurrent invitees × ${ROUNDS} rounds; assets: ${bytes.join(', ')}):`,
    );
    console.log(
      `  invite page document          ${summary(documentMs)}   floor (bare Fastify, same HTML) ${summary(bare.documentMs)}   ${ratio(documentMs, bare.documentMs)}× at p95`,
    );
    console.log(
      `  document + script + style     ${summary(pageMs)}   floor (same bytes) ${summary(bare.pageMs)}   ${ratio(pageMs, bare.pageMs)}× at p95`,
    );
    console.log(`Device-code polling (${SESSIONS} pending sessions, interval 5 s, ${CPU_WINDOW_MS / 1000} s window):`);
    console.log(`  console CPU while idle        ${pct(idle)}`);
    console.log(`  console CPU while polling     ${pct(polling)}  (${polls} polls answered pending)`);
    console.log(`  cost of polling               ${pct(Math.max(0, polling - idle))}`);
  } finally {
    await pooler.stop();
    await fake.close();
    dir.remove();
    deleteKeychainKey(env.POOLER_KEYCHAIN_SERVICE);
  }
}
