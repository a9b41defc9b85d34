import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser } from '@playwright/test';
import { SECURITY_HEADERS } from '../../electron/host/console-listener';
import config from '../../playwright.config';
import { rpc, startConsoleProcess } from '../support/console-process';
import { makeTempDir } from '../support/temp-dir';
import { deleteKeychainKey } from '../support/test-core';
import { floorRun, recordAnswers, type RecordedAnswer } from './cold-start-floor';
import { notePaintedAfter, paintedAt, phasesOf, scriptBytes, type Phases } from './cold-start-page';
import { cpuSeconds } from './process-cpu';
import { percentile, summary } from './stats';

// Over 10 starts the p50's ratio read 1.37 to 1.53x on one build; over 20, 1.39 to 1.43x.
const RUNS = 20;
/** A person's click on the printed link, a second after it appears: by then the console's core has loaded. */
const CLICK_AFTER_MS = 1000;

const HOST_ENTRY = join(import.meta.dirname, '../../out/main/host.js');

/**
 * The console as an operator starts it: `node out/main/host.js`, until it prints its sign-in link
 * (the one the browser then opens).
 */
async function startHost(
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [HOST_ENTRY, '--port', '0'], {
    env: { ...process.env, ...env, POOLER_DATA_DIR: dataDir, POOLER_ONBOARDING_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const printed = /Pooler Console: (\S+)/.exec(output)?.[1];
      if (printed) resolve(printed);
    });
    child.once('exit', (code) => reject(new Error(`the console exited with ${code}: ${output}`)));
  });
  return {
    url,
    pid: child.pid!,
    async stop() {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * One start of the console: `host.js` until its link is printed, then a fresh browser context on
 * that link until the Pools table has painted. `record`: also keeps what the console answered the
 * page (see `recordAnswers`). `openAfterMs`: the link is opened that long after it is printed, as
 * a person clicking it would (`opened` then counts from the click).
 */
async function consoleRun(
  browser: Browser,
  dataDir: string,
  env: NodeJS.ProcessEnv,
  options: { record?: boolean; openAfterMs?: number } = {},
) {
  const started = performance.now();
  const pooler = await startHost(dataDir, env);
  try {
    const ready = performance.now() - started;
    const cpuAtLink = cpuSeconds(pooler.pid);
    if (options.openAfterMs) await sleep(options.openAfterMs);
    const clicked = performance.now();
    const context = await browser.newContext();
    await context.addInitScript(notePaintedAfter('pool-19-row'));
    const page = await context.newPage();
    const recorded = options.record ? recordAnswers(page) : null;
    // The page's clock starts at navigation; opening a context counts on both sides alike.
    const navigationStarted = performance.now();
    await page.goto(`${pooler.url}#/pools`);
    const table = await paintedAt(page);
    const hostCpu = (cpuSeconds(pooler.pid) - cpuAtLink) * 1000;
    // The entry is posted after the frame that painted it: waited for, not read at once.
    const fcp = await page.evaluate(
      () =>
        new Promise<number>((resolve) =>
          new PerformanceObserver((entries) => {
            const entry = entries.getEntriesByName('first-contentful-paint')[0];
            if (entry) resolve(entry.startTime);
          }).observe({ type: 'paint', buffered: true }),
        ),
    );
    const run = {
      ready,
      opening: navigationStarted - started - ready,
      opened: navigationStarted - clicked + table,
      hostCpu,
      firstPaint: navigationStarted - started + fcp,
      painted: navigationStarted - started + table,
      scriptBytes: await scriptBytes(page),
      phases: await phasesOf(page, table),
      answers: recorded && (await recorded()),
    };
    await context.close();
    return run;
  } finally {
    await pooler.stop();
  }
}

/**
 * Browser-console cold start: a fresh `host.js` process on an existing data folder (20 Pools)
 * until its URL is printed, then a fresh browser context until the Pools table has painted; and
 * three floors, each run beside it (see `floorRun`).
 */
export async function benchColdStart(): Promise<void> {
  const dir = makeTempDir('pooler-bench');
  const dataDir = dir.path;
  const env = { POOLER_KEYCHAIN_SERVICE: `pooler-bench-${process.pid}` };
  const seed = await startConsoleProcess({ dataDir, env });
  await rpc(seed, 'settings.updateOperator', { displayName: 'Bench', email: 'bench@example.com' });
  for (let i = 0; i < 20; i++) await rpc(seed, 'pools.create', { name: `Pool ${i}` });
  await seed.stop();

  const browser = await chromium.launch(config.use?.launchOptions);
  type FloorRun = Awaited<ReturnType<typeof floorRun>>;
  type ConsoleRun = Awaited<ReturnType<typeof consoleRun>>;
  const floors: FloorRun[] = [];
  const headedFloors: FloorRun[] = [];
  const replays: FloorRun[] = [];
  const starts: ConsoleRun[] = [];
  const clickedStarts: ConsoleRun[] = [];
  try {
    // A start that is not counted: its answers are what the replaying floor sends.
    const answers: Record<string, RecordedAnswer> = (await consoleRun(browser, dataDir, env, { record: true }))
      .answers!;
    for (let run = 0; run < RUNS; run++) {
      floors.push(await floorRun(browser));
      headedFloors.push(await floorRun(browser, { headers: SECURITY_HEADERS }));
      replays.push(await floorRun(browser, { headers: SECURITY_HEADERS, answers }));
      starts.push(await consoleRun(browser, dataDir, env));
      clickedStarts.push(await consoleRun(browser, dataDir, env, { openAfterMs: CLICK_AFTER_MS }));
    }
  } finally {
    await browser.close();
    dir.remove();
    deleteKeychainKey(env.POOLER_KEYCHAIN_SERVICE);
  }
  const painted = starts.map((run) => run.painted);
  const floorPainted = floors.map((run) => run.painted);
  const headedFloorPainted = headedFloors.map((run) => run.painted);
  const replayPainted = replays.map((run) => run.painted);
  const ratio = (floor: number[]) => (percentile(painted, 50) / percentile(floor, 50)).toFixed(2);
  const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString()} KiB`;
  console.log(
    `Browser console cold start (20 Pools; script fetched by then: ${kb(starts.at(-1)!.scriptBytes)}, the floor's ${kb(floors.at(-1)!.scriptBytes)}):`,
  );
  console.log(
    `  process start → URL printed        ${summary(starts.map((run) => run.ready))}   floor (bare node:http) ${summary(floors.map((run) => run.ready))}`,
  );
  console.log(`  process start → first paint         ${summary(starts.map((run) => run.firstPaint))}`);
  console.log(
    `  process start → Pools table painted ${summary(painted)}   floor (same bundle, static, run and painted) ${summary(floorPainted)}   ${ratio(floorPainted)}× at p50`,
  );
  console.log(
    `  the same floor sending the console's security headers          ${summary(headedFloorPainted)}   ${ratio(headedFloorPainted)}× at p50`,
  );
  console.log(
    `  the same Pools table, its sign-in and reads answered by the floor with the console's bytes   ${summary(replayPainted)}   ${ratio(replayPainted)}× at p50`,
  );
  // The floors' servers do nothing while the browser opens: for them a later click changes nothing.
  const clickedOpened = clickedStarts.map((run) => run.opened);
  const fromOpening = (runs: FloorRun[]) => runs.map((run) => run.painted - run.ready);
  const clickRatio = (floor: number[]) => (percentile(clickedOpened, 50) / percentile(floor, 50)).toFixed(2);
  const signInFloorClicked = fromOpening(floors);
  const sameTableClicked = fromOpening(replays);
  console.log(
    `  the link opened ${CLICK_AFTER_MS / 1000} s after it is printed, click → Pools table painted ${summary(clickedOpened)}   floor ${summary(signInFloorClicked)}   ${clickRatio(signInFloorClicked)}× at p50   the same table ${summary(sameTableClicked)}   ${clickRatio(sameTableClicked)}×`,
  );
  // Not figures of the issue: where each side's page time went, for whoever closes the gap.
  const p50 = (samples: number[]) => `p50 ${percentile(samples, 50).toFixed(0)} ms`;
  const line = (phase: keyof Phases, label: string) => {
    const of = (runs: { phases: Phases }[]) => p50(runs.map((run) => run.phases[phase]));
    return `    ${label.padEnd(68)}${of(starts)}   floor ${of(floors)}   with the headers ${of(headedFloors)}   the same table ${of(replays)}`;
  };
  const opening = (runs: { opening: number }[]) => p50(runs.map((run) => run.opening));
  // The browser opens its context and tab while the console loads its core: both want the CPU.
  console.log(
    `    link printed → navigation (a fresh context and tab)                 ${opening(starts)}   floor ${opening(floors)}   the same table ${opening(replays)}`,
  );
  console.log(
    `    the console's CPU from its link printed to the table painted      ${p50(starts.map((run) => run.hostCpu))}`,
  );
  console.log(`  in the page's own clock, from navigation:`);
  console.log(line('document', 'document answered (the host may be busy starting)'));
  console.log(line('libraries', 'libraries arrived'));
  console.log(line('rendered', `rendered (the last Pool's row; the first two floors: their notice)`));
  console.log(line('painted', 'painted'));
}
