import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSync } from 'otplib';
import { expect } from 'vitest';
import { httpsRequest, type HttpsAnswer } from './https-client';
import { SERVE_ENTRY, serverEnv, startServer } from './serve-process';
import { certificateFor } from './test-certificate';

export const OPERATOR_PASSWORD = 'correct horse battery staple';

/** The authenticator app's code, `stepsAhead` × 30 s from now (a later step than the one used last). */
export const codeFor = (secret: string, stepsAhead = 0) =>
  generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });

export interface EnrolledOperator {
  email: string;
  secret: string;
  recoveryCodes: string[];
  /** The Authorization header of a session signed in over the API. */
  bearer: Record<string, string>;
}

/**
 * `npm run serve` over real HTTPS (a test CA) on a fresh data folder, with helpers to run its
 * operators command and to enrol operators the way a person would: link, page, form.
 */
export async function startTeamServer(cleanup: (fn: () => unknown) => void, extraEnv: NodeJS.ProcessEnv = {}) {
  const pems = await certificateFor('127.0.0.1');
  const made = serverEnv(cleanup, extraEnv);
  writeFileSync(join(made.dir, 'cert.pem'), pems.cert);
  writeFileSync(join(made.dir, 'key.pem'), pems.key, { mode: 0o600 });
  const env = { ...made.env, POOLER_TLS_CERT: join(made.dir, 'cert.pem'), POOLER_TLS_KEY: join(made.dir, 'key.pem') };
  const ca = pems.cert;
  let server = await startServer(env, cleanup);
  const origin = server.ready.server as string;

  const send = (path: string, options: Omit<Parameters<typeof httpsRequest>[1], 'ca'> = {}): Promise<HttpsAnswer> =>
    httpsRequest(`${origin}${path}`, { ca, ...options });

  /** `npm run serve -- operators …` on the same data folder, while the server runs. */
  function operatorsCommand(...args: string[]) {
    const run = spawnSync(process.execPath, [SERVE_ENTRY, 'operators', ...args], {
      env: { ...env, POOLER_SERVER_URL: origin },
      encoding: 'utf8',
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  /** Added on the command line, enrolled through the link's page, signed in over the API. */
  async function operator(email: string, role: string, pools?: string): Promise<EnrolledOperator> {
    const added = operatorsCommand('add', email, '--role', role, ...(pools ? ['--pools', pools] : []));
    expect(added.status, added.stderr).toBe(0);
    const link = /(https:\/\/\S+\/enrol\/\S+)/.exec(added.stdout)![1]!;
    const page = await httpsRequest(link, { ca });
    expect(page.status).toBe(200);
    const secret = /<p class="secret"><code aria-label="Authenticator key">([A-Z2-7 ]+)<\/code>/
      .exec(page.text)![1]!
      .replace(/ /g, '');
    const password = OPERATOR_PASSWORD;
    const enrolled = await httpsRequest(link, {
      ca,
      method: 'POST',
      form: { password, confirm: password, code: codeFor(secret) },
    });
    expect(enrolled.status, enrolled.text).toBe(200);
    const recoveryCodes = [...enrolled.text.matchAll(/<li>([a-z0-9]{5}-[a-z0-9]{5})<\/li>/g)].map((m) => m[1]!);
    const signedIn = await send('/api/session', {
      method: 'POST',
      json: { email, password, code: codeFor(secret, 1) },
    });
    expect(signedIn.status, signedIn.text).toBe(200);
    const { session } = signedIn.json<{ data: { session: string } }>().data;
    return { email, secret, recoveryCodes, bearer: { authorization: `Bearer ${session}` } };
  }

  /** A contract call as this operator: the HTTP status and the Result. */
  async function call(who: EnrolledOperator, channel: string, input: unknown) {
    const answer = await send(`/rpc/${channel}`, { method: 'POST', headers: who.bearer, json: input });
    return { status: answer.status, body: answer.json<{ ok: boolean; data?: never; error?: { code: string } }>() };
  }

  return {
    origin,
    ca,
    env,
    /** The running process (replaced by `restart`). */
    server: () => server,
    async restart() {
      server = await startServer(env, cleanup);
    },
    send,
    operatorsCommand,
    operator,
    call,
  };
}

export type TeamServer = Awaited<ReturnType<typeof startTeamServer>>;
