import { performance, monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { type Core } from '../../electron/core';
import { createGlanceReader } from '../../electron/core/alerts/glance';
import { coreFrom, createServices } from '../../electron/core/create-core';
import type { ChannelName, CredentialState } from '../../shared/contract';
import { deleteKeychainKey } from '../support/test-core';
import { makeTempDir } from '../support/temp-dir';
import { authJsonFor } from '../support/upstream-harness';
import { percentile, summary, timeAsync } from './stats';

const UPSTREAMS = 1_000;
const POOLS = 20;
const RUNS = 200;
/** How often the "IPC" probe calls a handler while the sweep runs. */
const PROBE_EVERY_MS = 5;

interface FakeWorker {
  issuer: string;
  chatgptBaseUrl: string;
  ask<T>(message: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

async function startFakeWorker(): Promise<FakeWorker> {
  const worker = new Worker(new URL('./fake-openai-worker.ts', import.meta.url));
  const ready = await new Promise<{ issuer: string; chatgptBaseUrl: string }>((resolve) =>
    worker.once('message', resolve),
  );
  let next = 0;
  const ask = <T>(message: Record<string, unknown>) =>
    new Promise<T>((resolve) => {
      const id = ++next;
      const listener = (reply: { id?: number }) => {
        if (reply.id !== id) return;
        worker.off('message', listener);
        resolve(reply as T);
      };
      worker.on('message', listener);
      worker.postMessage({ ...message, id });
    });
  return { ...ready, ask, stop: async () => void (await ask({ close: true }), await worker.terminate()) };
}

async function call(core: Core, channel: ChannelName, input: unknown) {
  const result = await core.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.data;
}

/**
 * 1,000 upstreams in 20 Pools: the Upstreams page's list handler, and a full quota sweep against
 * the fake (in a worker thread, answering each read after 40 ms) — how many reads were in flight
 * at once, and how late a handler due every 5 ms during the sweep answered.
 */
export async function benchUpstreams(): Promise<void> {
  const dir = makeTempDir('pooler-bench-upstreams');
  const fake = await startFakeWorker();
  const env = {
    POOLER_KEYCHAIN_SERVICE: `pooler-bench-upstreams-${process.pid}`,
    POOLER_OPENAI_ISSUER: fake.issuer,
    POOLER_CHATGPT_BASE_URL: fake.chatgptBaseUrl,
  };
  const services = await createServices({ dataDir: dir.path, version: 'bench', env, backgroundJobs: false });
  const core = await coreFrom(services);
  try {
    await call(core, 'settings.updateOperator', { displayName: 'Bench', email: 'bench@example.com' });
    const pools: string[] = [];
    for (let p = 0; p < POOLS; p++)
      pools.push(((await call(core, 'pools.create', { name: `Pool ${p}` })) as { id: string }).id);
    const seeding = performance.now();
    for (let i = 0; i < UPSTREAMS; i++) {
      const { tokens } = await fake.ask<{ tokens: Parameters<typeof authJsonFor>[0] }>({
        mint: `account${i}@example.com`,
      });
      await call(core, 'upstreams.importAuth', { poolId: pools[i % POOLS], file: authJsonFor(tokens) });
    }
    console.log(
      `Upstreams (${UPSTREAMS.toLocaleString()} accounts in ${POOLS} Pools, seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s):`,
    );

    const cases: [string, { poolId?: string; state?: CredentialState }][] = [
      ['all', {}],
      ['one Pool', { poolId: pools[3]! }],
      ['state ready', { state: 'ready' }],
    ];
    for (const [label, filters] of cases) {
      console.log(
        `  list handler, ${label.padEnd(12)} ${summary(await timeAsync(() => call(core, 'upstreams.list', filters), RUNS))}`,
      );
    }

    // What alerts and the tray read after changes (at most once a second during a sweep).
    const look = createGlanceReader(services.db);
    console.log(`  alerts glance, one look      ${summary(await timeAsync(async () => look(), RUNS))}`);

    const delays: number[] = [];
    const loop = monitorEventLoopDelay({ resolution: 1 });
    let sweeping = true;
    const probe = (async () => {
      let due = performance.now();
      while (sweeping) {
        await call(core, 'app.status', {});
        // From when the call was due to when it answered: waiting for the loop plus the handler.
        delays.push(performance.now() - due);
        due = performance.now() + PROBE_EVERY_MS;
        await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
      }
    })();
    loop.enable();
    const started = performance.now();
    await services.upstreams.jobs.sweep();
    const took = performance.now() - started;
    sweeping = false;
    await probe;
    loop.disable();
    const { load, usageRequests } = await fake.ask<{ load: { peak: number }; usageRequests: number }>({ load: true });
    console.log(
      `  quota sweep                  ${usageRequests} reads in ${(took / 1000).toFixed(1)} s, at most ${load.peak} in flight`,
    );
    console.log(
      `  handler delay during sweep   p50 ${percentile(delays, 50).toFixed(2)} ms  p99 ${percentile(delays, 99).toFixed(2)} ms  max ${Math.max(...delays).toFixed(2)} ms  (n=${delays.length})`,
    );
    console.log(
      `  event-loop delay             p99 ${(loop.percentile(99) / 1e6).toFixed(2)} ms  max ${(loop.max / 1e6).toFixed(2)} ms`,
    );
  } finally {
    await core.close();
    await fake.stop();
    dir.remove();
    deleteKeychainKey(env.POOLER_KEYCHAIN_SERVICE);
  }
}
