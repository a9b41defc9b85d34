import type { PoolerApi } from '../../../shared/contract';

/**
 * The reads every page needs at once, started as soon as the tab is signed in — before the
 * console's code has loaded, which then takes them over (see `takeFirstReads`).
 */
export function startFirstReads(api: PoolerApi) {
  const firstReads = {
    appStatus: api.app.status({}),
    settings: api.settings.get({}),
    pools: api.pools.list({}),
    // The shell's reach line and its team banner read these on every page.
    onboarding: api.onboarding.get({}),
    team: api.team.status({}),
  };
  // A failure is shown once the queries take the read over; until then it is not "unhandled".
  for (const read of Object.values(firstReads)) read.catch(() => undefined);
  return { api, firstReads };
}

export type FirstReads = ReturnType<typeof startFirstReads>['firstReads'];
