import type { ChannelName, OutputOf, PoolerApi, Result } from '../../../shared/contract';
import { createApi, dataOf } from './client';
import type { Transport } from './transport';

/**
 * The reads every page needs at once. The shell's reach line and its team banner read the last
 * two on every page.
 */
const FIRST_READS = {
  appStatus: 'app.status',
  settings: 'settings.get',
  pools: 'pools.list',
  onboarding: 'onboarding.get',
  team: 'team.status',
} as const satisfies Record<string, ChannelName>;

type FirstReadName = keyof typeof FIRST_READS;

export type FirstReads = { [Name in FirstReadName]: Promise<OutputOf<(typeof FIRST_READS)[Name]>> };

/** Each call's answer: from one request where the transport can send several, else each alone. */
function send(transport: Transport, calls: { channel: ChannelName; input: unknown }[]): Promise<Result<unknown>>[] {
  if (!transport.callMany) return calls.map((call) => transport.call(call.channel, call.input));
  const all = transport.callMany(calls);
  return calls.map((_, i) => all.then((answers) => answers[i]!));
}

/**
 * The first reads, started as soon as the tab is signed in — before the console's code has
 * loaded, which then takes them over (see `takeFirstReads`). Over HTTP they go as one request:
 * four fewer for the page to send and the console to answer while both are starting.
 */
export function startFirstReads(transport: Transport): { api: PoolerApi; firstReads: FirstReads } {
  const names = Object.keys(FIRST_READS) as FirstReadName[];
  const calls = names.map((name) => ({ channel: FIRST_READS[name], input: {} }));
  const answers = send(transport, calls);
  const firstReads = Object.fromEntries(
    names.map((name, i) => {
      const read = answers[i]!.then(dataOf);
      // A failure is shown once the queries take the read over; until then it is not "unhandled".
      read.catch(() => undefined);
      return [name, read];
    }),
  ) as FirstReads;
  return { api: createApi(transport), firstReads };
}

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
