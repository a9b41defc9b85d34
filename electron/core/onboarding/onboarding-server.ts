import type { IncomingMessage, ServerResponse } from 'node:http';
import { createEarlyServer, listenOn } from '../http/early-server';
import type { Logger } from '../log/logger';
import type { OnboardingFlow } from './onboarding-flow';
import { ONBOARDING_HEADERS } from './onboarding-headers';
import type { OnboardingLimits } from './onboarding-limits';
import type { OnboardingPage } from './onboarding-page';
import type { ProxyTrust } from './reach/client-address';
import { HEALTH_NONCE_HEADER, HEALTH_PATH } from './reach/reachability';
import { createStreamSlots } from './stream-limits';

// A burst of invitees (an invite email to a whole team) must queue, not have connections
// dropped and retried a second later: a deeper accept queue than Node's default 511.
const LISTEN_BACKLOG = 4096;

export interface OnboardingServerOptions {
  flow: OnboardingFlow;
  page: OnboardingPage;
  host: string;
  port: number;
  limits: OnboardingLimits;
  logger: Logger;
  /** Which peers may name the invitee in forwarded headers (a tunnel, a trusted proxy). */
  trust: ProxyTrust;
  /** Sent back by /onboarding/health, so the console knows its own listener answered. */
  healthNonce: string;
}

/** Public and cheap: nothing but proof that this console's listener is the one answering. */
function healthAnswer(nonce: string) {
  const headers = { ...ONBOARDING_HEADERS, [HEALTH_NONCE_HEADER]: nonce };
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.url?.split('?')[0] !== HEALTH_PATH) return false;
    res.writeHead(204, headers).end();
    return true;
  };
}

/** What waited for an app that could not be built (it is tried again on the next request). */
function answerUnavailable(_req: IncomingMessage, res: ServerResponse) {
  res.writeHead(503, { ...ONBOARDING_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not available');
}

/**
 * The onboarding listener: binds its port at once, and builds its app (onboarding-app.ts) when
 * the first invitee's request arrives, which waits for it meanwhile. A console start then spends
 * nothing on invite pages that nobody may open for hours, and its links' address is right from
 * the start. The reachability check's /onboarding/health is answered without the app.
 */
export async function startOnboardingServer(options: OnboardingServerOptions) {
  const streams = createStreamSlots(options.limits.streams);
  let app: { close(): Promise<unknown> } | null = null;
  let building: Promise<void> | null = null;
  const build = () => {
    building ??= import('./onboarding-app')
      .then(({ buildOnboardingApp }) => buildOnboardingApp(options, streams, early))
      .then(
        (built) => {
          app = built;
          early.open();
        },
        (err: unknown) => {
          options.logger.error({ err }, 'the invite pages could not be served');
          building = null;
          early.refuse(answerUnavailable);
        },
      );
  };
  const early = createEarlyServer({
    headers: ONBOARDING_HEADERS,
    timeouts: options.limits.timeouts,
    maxConnections: options.limits.maxConnections,
    answer: healthAnswer(options.healthNonce),
    onWait: build,
  });
  const port = await listenOn(early.server, { host: options.host, port: options.port, backlog: LISTEN_BACKLOG });
  return {
    port,
    openStreams: streams.open,
    async close() {
      await building;
      await app?.close();
      await early.close();
    },
  };
}

export type OnboardingServer = Awaited<ReturnType<typeof startOnboardingServer>>;
