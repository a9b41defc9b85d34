import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { rpc, startConsoleProcess } from '../../support/console-process';
import { alive, standIns, type StandIns } from '../../support/tunnel-stand-ins';

let stand: StandIns;
beforeAll(async () => {
  stand = await standIns();
});
afterAll(() => stand.remove());

async function consoleWithTunnel() {
  rmSync(stand.pidFile, { force: true });
  const pooler = await startConsoleProcess({ env: stand.env({ HOME: process.env.HOME }) });
  await rpc(pooler, 'settings.updateOperator', { displayName: 'Ada', email: 'ada@example.com' });
  const settings = await rpc(pooler, 'onboarding.update', {
    port: pooler.onboardingPort,
    reach: { mode: 'tunnel', program: 'cloudflared', path: '' },
  });
  expect(settings.tunnel).toMatchObject({ state: 'up' });
  return { pooler, tunnelPid: Number(readFileSync(stand.pidFile, 'utf8')) };
}

it('a tunnel program never outlives the console: not on quit, not on kill -9', async () => {
  const quitting = await consoleWithTunnel();
  expect(alive(quitting.tunnelPid)).toBe(true);
  await quitting.pooler.halt();
  expect(alive(quitting.tunnelPid)).toBe(false);
  await quitting.pooler.stop();

  const killed = await consoleWithTunnel();
  process.kill(killed.pooler.pid, 'SIGKILL');
  // Its keeper sees the console's end of the pipe close and ends the program.
  await vi.waitFor(() => expect(alive(killed.tunnelPid)).toBe(false), { timeout: 10_000, interval: 50 });
  await killed.pooler.stop();
}, 60_000);
