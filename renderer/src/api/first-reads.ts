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

/**
 * Settles once every first read has (or after `atMost` ms). The reads usually have their answers
 * by the time the console's code has run, but their bodies are read only after it: waiting for
 * them makes the first render draw the page with its data, in one commit, where rendering at once
 * committed a spinner (or the table's skeleton) first and the page again a moment later. A host
 * slow to answer is not waited for long: the page then shows what is still loading.
 */
export function firstReadsSettled(firstReads: FirstReads, atMost: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, atMost);
    void Promise.allSettled(Object.values(firstReads)).then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
