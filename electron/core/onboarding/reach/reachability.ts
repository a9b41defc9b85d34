import { nodeHttp as http } from '../../http/node-http';
import { nodeHttps } from '../../http/node-https';
import type { Reachability, ReachFailure } from '../../../../shared/contract';

/** The onboarding listener's answer to /onboarding/health carries this header. */
export const HEALTH_NONCE_HEADER = 'pooler-onboarding-nonce';
export const HEALTH_PATH = '/onboarding/health';

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NODATA', 'EAI_NONAME']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']);
const REFUSED_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

function isTlsCode(code: string): boolean {
  return /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_SSL/.test(code);
}

const FAILURE_WORDS: Record<ReachFailure, string> = {
  dns: 'its host name does not resolve',
  refused: 'nothing accepted the connection',
  timeout: 'it did not answer in time',
  tls: 'its certificate is not trusted',
  wrong_server: 'something else answered there, not this console',
  http_status: 'it answered with an error',
};

function classify(err: unknown): { failure: ReachFailure; detail: string } {
  const e = err as { code?: string; message?: string };
  const code = e.code ?? '';
  const said = e.message ?? '';
  if (DNS_CODES.has(code)) return { failure: 'dns', detail: FAILURE_WORDS.dns };
  if (TIMEOUT_CODES.has(code)) return { failure: 'timeout', detail: FAILURE_WORDS.timeout };
  if (REFUSED_CODES.has(code)) return { failure: 'refused', detail: FAILURE_WORDS.refused };
  if (isTlsCode(code) || /certificate|TLS|SSL/i.test(said)) {
    return { failure: 'tls', detail: `${FAILURE_WORDS.tls} (${code || said})` };
  }
  return { failure: 'refused', detail: `the connection failed (${code || said || 'no reason given'})` };
}

interface HealthAnswer {
  status: number;
  nonce: string | undefined;
}

/** One GET, no redirects followed, the body discarded; rejects with Node's error codes. */
function get(url: string, timeoutMs: number, ca: string | undefined): Promise<HealthAnswer> {
  const client = url.startsWith('https:') ? nodeHttps() : http;
  return new Promise((resolve, reject) => {
    const req = client.get(
      url,
      {
        // ngrok's free plan puts a browser warning in front of HTML; this check is not a browser.
        headers: { 'ngrok-skip-browser-warning': '1', 'user-agent': 'PoolerConsole-reachability' },
        agent: false,
        ...(ca ? { ca } : {}),
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, nonce: res.headers[HEALTH_NONCE_HEADER] as string }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
  });
}

export interface CheckOptions {
  timeoutMs: number;
  /** An extra certificate authority to trust (tests' own). */
  ca?: string | undefined;
}

/**
 * Requests {base}/onboarding/health from this machine, as an invitee's browser would, and says
 * whether this console's own listener answered (the nonce proves it). A success proves the public
 * address routes here; it does not prove every network can reach it.
 */
export async function checkReachability(
  base: string,
  nonce: string,
  now: () => number,
  options: CheckOptions,
): Promise<Reachability> {
  const url = `${base}${HEALTH_PATH}`;
  const startedAt = performance.now();
  const result = (r: Pick<Reachability, 'state' | 'failure' | 'detail' | 'roundTripMs'>): Reachability => ({
    ...r,
    url,
    checkedAt: now(),
  });
  let answer: HealthAnswer;
  try {
    answer = await get(url, options.timeoutMs, options.ca);
  } catch (err) {
    const { failure, detail } = classify(err);
    return result({ state: 'unreachable', failure, detail, roundTripMs: null });
  }
  const roundTripMs = Math.round(performance.now() - startedAt);
  if (answer.nonce === nonce && answer.status === 204) {
    return result({ state: 'reachable', failure: null, detail: null, roundTripMs });
  }
  if (answer.status === 204 || answer.status === 200) {
    return result({ state: 'unreachable', failure: 'wrong_server', detail: FAILURE_WORDS.wrong_server, roundTripMs });
  }
  return result({
    state: 'unreachable',
    failure: 'http_status',
    detail: `${FAILURE_WORDS.http_status} (HTTP ${answer.status})`,
    roundTripMs,
  });
}
