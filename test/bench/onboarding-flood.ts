import { request } from 'node:http';
import { Worker } from 'node:worker_threads';
import { rpc, startConsoleProcess, type ConsoleProcess } from '../support/console-process';
import { freePort } from '../support/free-port';
import { makeTempDir } from '../support/temp-dir';
import { deleteKeychainKey } from '../support/test-core';
import { summary, timeAsync } from './stats';

const RPC_RUNS = 200;
/** Calls timed while the flood runs: enough for it to reach full strength (a few seconds). */
const FLOODED_RUNS = 1_000;
const INVITES = 40;

/** Opens one invite-page event stream from `localAddress`; resolves with its status (the stream stays open). */
function stream(url: string, localAddress: string): Promise<{ status: number; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/events`, { localAddress, agent: false }, (response) => {
      resolve({ status: response.statusCode ?? 0, close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens streams from `addresses` in turn, spread over the links, until one is refused; how many were held. */
async function streamsBeforeRefusal(urls: string[], addresses: (i: number) => string) {
  const held: { close(): void }[] = [];
  try {
    for (let i = 0; ; i++) {
      const opened = await stream(urls[i % urls.length]!, addresses(i));
      if (opened.status !== 200) return { held: held.length, refusedWith: opened.status };
      held.push(opened);
    }
  } finally {
    for (const s of held) s.close();
  }
}

async function startFlood(origin: string, urls: string[]) {
  const worker = new Worker(new URL('./flood-worker.ts', import.meta.url), {
    workerData: { origin, urls, slowSockets: 3_000, loops: 40 },
  });
  await new Promise((resolve) => worker.once('message', resolve));
  return {
    async stop(): Promise<Record<string, number>> {
      const done = new Promise<{ tally: Record<string, number> }>((resolve) => worker.once('message', resolve));
      worker.postMessage('stop');
      const { tally } = await done;
      await worker.terminate();
      return tally;
    },
  };
}

/**
 * What a flood of the onboarding listener costs the operator: the streams one client (and
 * everyone) may hold before the listener refuses more, and the console's own RPC latency while
 * 3,000 half-sent requests and 40 clients hammering token routes hit the onboarding port, beside
 * the same RPC on an idle console in the same run (the floor).
 */
export async function benchOnboardingFlood(): Promise<void> {
  const dir = makeTempDir('pooler-bench-flood');
  const env = {
    POOLER_KEYCHAIN_SERVICE: `pooler-bench-flood-${process.pid}`,
    POOLER_ONBOARDING_PORT: String(await freePort()),
  };
  let pooler: ConsoleProcess | null = null;
  try {
    pooler = await startConsoleProcess({ dataDir: dir.path, env });
    const console_ = pooler;
    await rpc(console_, 'settings.updateOperator', { displayName: 'Bench', email: 'bench@example.com' });
    const pool = await rpc(console_, 'pools.create', { name: 'Bench' });
    const urls: string[] = [];
    for (let i = 0; i < INVITES; i++) {
      const issued = await rpc(console_, 'invites.create', {
        poolId: pool.id,
        email: `flood${i}@example.com`,
        expiry: '24h',
        sendEmail: false,
      });
      urls.push(issued.url);
    }
    const oneClient = await streamsBeforeRefusal(urls, () => '127.0.9.2');
    const everyone = await streamsBeforeRefusal(urls, (i) => `127.0.${10 + Math.floor(i / 200)}.${(i % 200) + 2}`);
    const list = () => rpc(console_, 'invites.list', { limit: 50 });
    const idle = await timeAsync(list, RPC_RUNS);
    const flood = await startFlood(new URL(urls[0]!).origin, urls);
    const flooded = await timeAsync(list, FLOODED_RUNS);
    // Half-sent requests fill the listener's sockets until their header deadline cuts them off:
    // an invite page may be refused meanwhile, which is counted rather than timed.
    let refused = 0;
    const page = await timeAsync(async () => {
      try {
        const response = await fetch(urls[0]!);
        await response.text();
        if (!response.ok) refused++;
      } catch {
        refused++;
      }
    }, 20);
    const tally = await flood.stop();

    console.log('\nOnboarding listener under a flood (browser console process, loopback):');
    console.log(`  streams one client holds before refusal   ${oneClient.held} (then ${oneClient.refusedWith})`);
    console.log(`  streams everyone holds before refusal     ${everyone.held} (then ${everyone.refusedWith})`);
    console.log(`  console invites.list, idle (floor)        ${summary(idle)}`);
    console.log(`  console invites.list, onboarding flooded  ${summary(flooded)}`);
    console.log(`  an invite page while flooded              ${summary(page)}, ${refused} of 20 not served`);
    const answered = Object.entries(tally)
      .sort()
      .map(([what, n]) => `${what} ×${n}`)
      .join(', ');
    console.log(`  flood: ${answered}`);
  } finally {
    await pooler?.stop();
    dir.remove();
    deleteKeychainKey(env.POOLER_KEYCHAIN_SERVICE);
  }
}
