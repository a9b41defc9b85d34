import type { IncomingMessage } from 'node:http';
import { nodeHttp } from '../http/node-http';
import { nodeHttps } from '../http/node-https';
import { CONTRACT_HEADER, CONTRACT_VERSION, type ApiErrorBody } from '../../../shared/contract';

/** How long a call may take before the server counts as unreachable. */
const CALL_TIMEOUT_MS = 15_000;

export interface TeamEndpoint {
  /** The server's address, as the operator typed it (no trailing slash). */
  url: string;
  /** A private CA's certificate (PEM) to trust besides the system's; tests use one. */
  ca?: string | undefined;
}

export interface TeamAnswer {
  status: number;
  body: unknown;
}

/** The server did not answer at all (refused, timed out, TLS failed): the console goes offline. */
export class TeamUnreachable extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'TeamUnreachable';
  }
}

/** Why a request never got an answer, in words for the operator. */
function unreachableReason(err: NodeJS.ErrnoException): string {
  const code = err.code ?? '';
  if (code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT') {
    return `its certificate is not trusted (${code}); for a private CA, start the app with NODE_EXTRA_CA_CERTS naming it`;
  }
  if (code === 'ETIMEDOUT') return 'it did not answer in time';
  return code ? `it did not answer (${code})` : 'it did not answer';
}

/** Opens one request to the server with the session and the contract version this console speaks. */
export function openTeamRequest(
  endpoint: TeamEndpoint,
  path: string,
  options: { method: string; session?: string | undefined; body?: unknown; accept?: string },
  onResponse: (res: IncomingMessage) => void,
  onError: (err: TeamUnreachable) => void,
) {
  const target = new URL(path, `${endpoint.url}/`);
  const request = target.protocol === 'https:' ? nodeHttps().request : nodeHttp.request;
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const req = request(
    target,
    {
      method: options.method,
      ca: endpoint.ca,
      headers: {
        [CONTRACT_HEADER]: String(CONTRACT_VERSION),
        Accept: options.accept ?? 'application/json',
        ...(options.session ? { Authorization: `Bearer ${options.session}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
    },
    onResponse,
  );
  req.on('error', (err) => onError(new TeamUnreachable(unreachableReason(err))));
  req.end(body);
  return req;
}

/** One JSON call; rejects with TeamUnreachable when no answer came. */
export function teamCall(
  endpoint: TeamEndpoint,
  path: string,
  options: { method: string; session?: string | undefined; body?: unknown },
): Promise<TeamAnswer> {
  return new Promise((resolve, reject) => {
    const req = openTeamRequest(
      endpoint,
      path,
      options,
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown });
          } catch {
            // A proxy's HTML error page: the server itself is not there.
            reject(new TeamUnreachable(`it answered ${res.statusCode ?? 0} without the console's answer`));
          }
        });
        res.on('error', () => reject(new TeamUnreachable('the answer was cut off')));
      },
      reject,
    );
    req.setTimeout(CALL_TIMEOUT_MS, () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
  });
}

/** The error body a server answered with, or a stand-in when it answered something else. */
export function errorOf(answer: TeamAnswer): ApiErrorBody {
  const body = answer.body as { ok?: boolean; error?: ApiErrorBody } | null;
  if (body && body.ok === false && body.error) return body.error;
  return { code: 'internal_error', message: `The team server answered ${answer.status} without a reason.` };
}
