import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { certificateFor } from '../../../../support/test-certificate';
import { afterEach, describe, expect, it } from 'vitest';
import { checkReachability, HEALTH_NONCE_HEADER } from '../../../../../electron/core/onboarding/reach/reachability';
import { freePort } from '../../../../support/free-port';

const NONCE = 'the-console-nonce';
const now = () => 1_700_000_000_000;
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const check = (base: string, timeoutMs = 2_000) => checkReachability(base, NONCE, now, { timeoutMs });

describe('the reachability check', () => {
  it('is reachable only when this console’s nonce comes back, with the round trip', async () => {
    const base = await listen(
      createHttpServer((req, res) => {
        expect(req.url).toBe('/onboarding/health');
        res.writeHead(204, { [HEALTH_NONCE_HEADER]: NONCE }).end();
      }),
    );
    const result = await check(base);
    expect(result).toEqual({
      state: 'reachable',
      url: `${base}/onboarding/health`,
      checkedAt: now(),
      roundTripMs: expect.any(Number),
      failure: null,
      detail: null,
    });
  });

  it.each([
    ['another console (wrong nonce)', { [HEALTH_NONCE_HEADER]: 'someone-else' }, 204, 'wrong_server'],
    ['a server with no nonce at all', {}, 200, 'wrong_server'],
    ['a tunnel whose origin is down (502)', {}, 502, 'http_status'],
    ['a redirect (never followed)', { location: 'https://elsewhere.example' }, 302, 'http_status'],
  ] as const)('classifies %s', async (_name, headers, status, failure) => {
    const base = await listen(createHttpServer((_req, res) => res.writeHead(status, headers).end()));
    expect(await check(base)).toMatchObject({ state: 'unreachable', failure });
  });

  it('classifies a refused port', async () => {
    expect(await check(`http://127.0.0.1:${await freePort()}`)).toMatchObject({
      state: 'unreachable',
      failure: 'refused',
      roundTripMs: null,
    });
  });

  it('classifies a server that never answers as a timeout', async () => {
    const base = await listen(createHttpServer(() => undefined));
    expect(await check(base, 300)).toMatchObject({ state: 'unreachable', failure: 'timeout' });
  });

  it('classifies a self-signed certificate as tls', async () => {
    const pems = await certificateFor('127.0.0.1');
    const server = createHttpsServer({ key: pems.key, cert: pems.cert }, (_req, res) =>
      res.writeHead(204, { [HEALTH_NONCE_HEADER]: NONCE }).end(),
    );
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect(await check(base)).toMatchObject({ state: 'unreachable', failure: 'tls' });
    // Trusted, the same server is this console's.
    expect(await checkReachability(base, NONCE, now, { timeoutMs: 2_000, ca: pems.cert })).toMatchObject({
      state: 'reachable',
    });
  });

  it('classifies a host name that does not resolve as dns', async () => {
    expect(await check('https://no-such-host.invalid')).toMatchObject({ state: 'unreachable', failure: 'dns' });
  });
});
