import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_HEADER, CONTRACT_VERSION, SESSION_COOKIE } from '../../../shared/contract';
import { openEventStream } from '../../support/event-stream-client';
import { httpsRequest } from '../../support/https-client';
import { stopServer } from '../../support/serve-process';
import {
  codeFor,
  OPERATOR_PASSWORD as PASSWORD,
  startTeamServer,
  type EnrolledOperator as Operator,
  type TeamServer,
} from '../../support/team-server';

// The team server over real HTTPS (a test CA): operators added on its command line, enrolled
// through their one-time links, signed in with password + TOTP, and calling the contract as
// themselves — their role and Pools checked on every call.

const cleanups: (() => unknown)[] = [];
let team: TeamServer;
let origin = '';
let ca = '';

beforeAll(async () => {
  team = await startTeamServer((fn) => void cleanups.push(fn));
  ({ origin, ca } = team);
});
afterAll(async () => {
  for (const fn of cleanups.reverse()) await fn();
});

const send: TeamServer['send'] = (...args) => team.send(...args);
const operatorsCommand: TeamServer['operatorsCommand'] = (...args) => team.operatorsCommand(...args);
const operator: TeamServer['operator'] = (...args) => team.operator(...args);
const call: TeamServer['call'] = (...args) => team.call(...args);

let owner: Operator;
const pools = { research: '', growth: '' };

describe('a team server over HTTPS', () => {
  beforeAll(async () => {
    owner = await operator('olga@example.com', 'owner');
    pools.research = (await call(owner, 'pools.create', { name: 'Research' })).body.data!['id'];
    pools.growth = (await call(owner, 'pools.create', { name: 'Growth' })).body.data!['id'];
  });

  it('enrols through a one-time link: the page shows a QR code and key, recovery codes once; the link then works no more', async () => {
    const added = operatorsCommand('add', 'eve@example.com', '--role', 'viewer');
    const link = /(https:\/\/\S+)/.exec(added.stdout)![1]!;
    const page = await httpsRequest(link, { ca });
    expect(page.text).toContain('<svg');
    expect(page.headers['content-security-policy']).toContain("form-action 'self'");
    const secret = /<code aria-label="Authenticator key">([A-Z2-7 ]+)<\/code>/.exec(page.text)![1]!.replace(/ /g, '');
    // A reload shows the same key: the app that scanned it keeps working.
    expect((await httpsRequest(link, { ca })).text).toContain(
      /<code aria-label="Authenticator key">([A-Z2-7 ]+)<\/code>/.exec(page.text)![1]!,
    );
    const mismatch = await httpsRequest(link, {
      ca,
      method: 'POST',
      form: { password: PASSWORD, confirm: `${PASSWORD}!`, code: codeFor(secret) },
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain('The two passwords are not the same.');
    const done = await httpsRequest(link, {
      ca,
      method: 'POST',
      form: { password: PASSWORD, confirm: PASSWORD, code: codeFor(secret) },
    });
    expect([...done.text.matchAll(/<li>[a-z0-9]{5}-[a-z0-9]{5}<\/li>/g)]).toHaveLength(10);
    const reused = await httpsRequest(link, { ca });
    expect(reused.status).toBe(409);
    expect(reused.text).toContain('already used');
    expect(operatorsCommand('list').stdout).toMatch(/eve@example\.com\tviewer\tactive/);
  });

  it('signs in with password and code: an HttpOnly, Secure, SameSite=Strict cookie; a wrong or replayed code reads the same', async () => {
    const added = await operator('sam@example.com', 'viewer');
    const wrong = await send('/api/session', {
      method: 'POST',
      json: { email: 'sam@example.com', password: 'not the password', code: codeFor(added.secret, 1) },
    });
    expect(wrong.status).toBe(401);
    const replayed = await send('/api/session', {
      method: 'POST',
      json: { email: 'sam@example.com', password: PASSWORD, code: codeFor(added.secret, 1) },
    });
    expect(replayed.json()).toEqual(wrong.json());
    const withRecovery = await send('/api/session', {
      method: 'POST',
      json: { email: 'sam@example.com', password: PASSWORD, code: added.recoveryCodes[0] },
    });
    expect(withRecovery.status).toBe(200);
    const cookie = String(withRecovery.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const session = /=([^;]+)/.exec(cookie)![1]!;
    const who = await send('/api/session', { headers: { cookie: `${SESSION_COOKIE}=${session}` } });
    expect(who.json()).toMatchObject({ ok: true, data: { operator: { email: 'sam@example.com', role: 'viewer' } } });
    // Signed out: the same cookie opens nothing.
    await send('/api/session', { method: 'DELETE', headers: { cookie: `${SESSION_COOKIE}=${session}` } });
    expect((await send('/api/session', { headers: { cookie: `${SESSION_COOKIE}=${session}` } })).status).toBe(401);
  });

  it('an admin of one Pool sees and changes only it; a viewer reads everything and changes nothing', async () => {
    const ann = await operator('ann@example.com', 'admin', 'research');
    const vic = await operator('vic@example.com', 'viewer');
    const listed = await call(ann, 'pools.list', {});
    expect((listed.body.data!['pools'] as { id: string }[]).map((p) => p.id)).toEqual([pools.research]);
    const invite = (poolId: string, email: string) => ({ poolId, email, expiry: '7d', sendEmail: false });
    const mine = await call(ann, 'invites.create', invite(pools.research, 'a@example.com'));
    expect(mine.status).toBe(200);
    expect(mine.body.data!['invite']).toMatchObject({ createdBy: 'ann@example.com' });
    const theirs = await call(ann, 'invites.create', invite(pools.growth, 'b@example.com'));
    expect(theirs).toMatchObject({ status: 403, body: { ok: false, error: { code: 'forbidden' } } });
    const growthInvite = await call(owner, 'invites.create', invite(pools.growth, 'c@example.com'));
    const growthId = (growthInvite.body.data!['invite'] as { id: string }).id;
    expect((await call(ann, 'invites.revoke', { id: growthId })).status).toBe(403);
    expect((await call(ann, 'invites.get', { id: growthId })).status).toBe(403);
    expect((await call(ann, 'smtp.get', {})).status).toBe(403);
    const annList = await call(ann, 'invites.list', {});
    expect((annList.body.data!['invites'] as { poolId: string }[]).every((i) => i.poolId === pools.research)).toBe(
      true,
    );

    expect((await call(vic, 'invites.list', {})).status).toBe(200);
    expect((await call(vic, 'invites.get', { id: growthId })).status).toBe(200);
    expect((await call(vic, 'invites.revoke', { id: growthId })).status).toBe(403);
    expect((await call(owner, 'invites.get', { id: growthId })).body.data).toMatchObject({ status: 'active' });
  });

  it('answers several calls in one request as the operator, each narrowed and checked as if sent alone', async () => {
    const ann = await operator('abe@example.com', 'admin', 'research');
    const sent = (headers: Record<string, string>) =>
      send('/rpc', {
        method: 'POST',
        headers,
        json: [
          { channel: 'pools.list', input: {} },
          { channel: 'pools.create', input: { name: 'Not theirs to make' } },
        ],
      });
    const answer = await sent(ann.bearer);
    expect(answer.status).toBe(200);
    const [listed, created] = answer.json<{ data: { ok: boolean; data?: { pools: { id: string }[] } }[] }>().data;
    expect(listed!.data!.pools.map((pool) => pool.id)).toEqual([pools.research]);
    expect(created).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await sent({})).status).toBe(401);
    const notAList = await send('/rpc', { method: 'POST', headers: ann.bearer, json: { channel: 'pools.list' } });
    expect(notAList.status).toBe(400);
    expect(notAList.json()).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(notAList.headers['x-content-type-options']).toBe('nosniff');
  });

  it('one operator’s change reaches another’s event stream live, only for Pools it can see', async () => {
    const ada = await operator('ada@example.com', 'admin', 'growth');
    const stream = await openEventStream(`${origin}/events`, { ca, headers: ada.bearer });
    try {
      expect(stream.status).toBe(200);
      await call(owner, 'invites.create', {
        poolId: pools.research,
        email: 'r@example.com',
        expiry: '7d',
        sendEmail: false,
      });
      const created = await call(owner, 'invites.create', {
        poolId: pools.growth,
        email: 'g@example.com',
        expiry: '7d',
        sendEmail: false,
      });
      const id = (created.body.data!['invite'] as { id: string }).id;
      await expect
        .poll(() => stream.events)
        .toContainEqual({ name: 'invites.changed', payload: { inviteId: id, poolId: pools.growth } });
      const seenPools = stream.events
        .map((e) => (e as { payload: { poolId?: string } }).payload.poolId)
        .filter((p) => p !== undefined);
      expect(new Set(seenPools)).toEqual(new Set([pools.growth]));
    } finally {
      stream.close();
    }
  });

  it('refuses a revoked operator, a forged cookie, another site, and a console of another contract version', async () => {
    const rex = await operator('rex@example.com', 'viewer');
    expect((await call(rex, 'pools.list', {})).status).toBe(200);
    const rexStream = await openEventStream(`${origin}/events`, { ca, headers: rex.bearer });
    expect(operatorsCommand('revoke', 'rex@example.com')).toMatchObject({ status: 0 });
    // The stream already open ends at the next event: nothing more reaches a revoked operator.
    await call(owner, 'invites.create', {
      poolId: pools.research,
      email: 'x@example.com',
      expiry: '7d',
      sendEmail: false,
    });
    await rexStream.ended;
    expect(rexStream.events).toEqual([]);
    expect(await call(rex, 'pools.list', {})).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    const afterRevoke = await send('/api/session', {
      method: 'POST',
      json: { email: 'rex@example.com', password: PASSWORD, code: rex.recoveryCodes[0] },
    });
    expect(afterRevoke.status).toBe(401);

    const forged = await send('/rpc/pools.list', {
      method: 'POST',
      headers: { cookie: `${SESSION_COOKIE}=${'A'.repeat(43)}` },
      json: {},
    });
    expect(forged.status).toBe(401);

    const cookie = { cookie: `${SESSION_COOKIE}=${owner.bearer.authorization!.slice('Bearer '.length)}` };
    const crossSite = await send('/rpc/pools.create', {
      method: 'POST',
      headers: { ...cookie, origin: 'https://evil.example' },
      json: { name: 'Planted' },
    });
    expect(crossSite.status).toBe(403);
    const fetchedCrossSite = await send('/rpc/pools.create', {
      method: 'POST',
      headers: { ...cookie, origin: 'null', 'sec-fetch-site': 'cross-site' },
      json: { name: 'Planted' },
    });
    expect(fetchedCrossSite.status).toBe(403);
    // The console's own page: no referrer, so `Origin: null`, but the browser vouches it is same-origin.
    const ownPage = await send('/rpc/pools.list', {
      method: 'POST',
      headers: { ...cookie, origin: 'null', 'sec-fetch-site': 'same-origin' },
      json: {},
    });
    expect(ownPage.status).toBe(200);
    const sameSite = await send('/rpc/pools.list', { method: 'POST', headers: { ...cookie, origin }, json: {} });
    expect(sameSite.status).toBe(200);
    expect(JSON.stringify(sameSite.json())).not.toContain('Planted');

    const older = await send('/rpc/pools.list', {
      method: 'POST',
      headers: { ...owner.bearer, [CONTRACT_HEADER]: String(CONTRACT_VERSION - 1) },
      json: {},
    });
    expect(older.status).toBe(426);
    expect(older.json()).toMatchObject({
      ok: false,
      error: { code: 'not_supported', message: /Update Pooler Console/ },
    });
  });

  it('sends a browser without a session to the sign-in page, and into the console after it', async () => {
    const root = await send('/');
    expect(root.status).toBe(303);
    expect(root.headers.location).toBe('/sign-in');
    const form = await send('/sign-in');
    expect(form.text).toContain('<form method="post" action="/sign-in">');
    const bad = await send('/sign-in', {
      method: 'POST',
      form: { email: 'olga@example.com', password: 'wrong password!', code: '123456' },
    });
    expect(bad.status).toBe(401);
    expect(bad.text).toContain('The email, password or code is not right.');
    expect(bad.text).toContain('value="olga@example.com"');
    const good = await send('/sign-in', {
      method: 'POST',
      form: { email: 'olga@example.com', password: PASSWORD, code: owner.recoveryCodes[0]! },
    });
    expect(good.status).toBe(303);
    expect(good.headers.location).toBe('/');
    const cookie = String(good.headers['set-cookie']).split(';')[0]!;
    const consolePage = await send('/', { headers: { cookie } });
    expect(consolePage.status).toBe(200);
    expect(consolePage.text).toContain('<meta name="pooler-team-server" content="1">');
    const out = await send('/sign-out', { method: 'POST', headers: { cookie, origin } });
    expect(out.status).toBe(303);
    expect((await send('/', { headers: { cookie } })).status).toBe(303);
  });
  it('answers bad input to its routes with a typed refusal and its security headers, echoing nothing', async () => {
    const marker = 'secret-marker';
    const answers = [
      [await send('/api/session', { method: 'POST', headers: { 'content-type': 'text/plain' } }), 415],
      [await send('/api/session', { method: 'POST', json: [marker] }), 401],
      [await send('/api/session', { method: 'POST', json: { email: 5, password: { marker }, code: null } }), 401],
      [await send('/api/session', { method: 'POST', json: { email: marker, password: 'x'.repeat(900_000) } }), 401],
      // Refused on its declared length, before a byte of it is read (so the test sends only a few).
      [await send('/api/session', { method: 'POST', headers: { 'content-length': '1100000' }, json: {} }), 413],
      [
        await send('/sign-in', { method: 'POST', headers: { 'content-length': '17000' }, form: { email: marker } }),
        413,
      ],
      [await send(`/enrol/${marker}${'x'.repeat(30)}`), 409],
      [await send(`/enrol/${marker}${'x'.repeat(2_000)}`), 404],
      [await send(`/enrol/${marker}%00`, { method: 'POST', form: { password: PASSWORD, confirm: PASSWORD } }), 409],
      [await send(`/rpc/${marker}`, { method: 'POST', json: {} }), 401],
      [await send('/rpc/pools.nothing', { method: 'POST', headers: owner.bearer, json: { marker } }), 404],
      [
        await send('/rpc/pools.create', { method: 'POST', headers: owner.bearer, json: { name: `<b>${marker}</b>` } }),
        400,
      ],
      [await send('/events'), 401],
    ] as const;
    for (const [answer, status] of answers) {
      expect(answer.status, answer.text.slice(0, 200)).toBe(status);
      expect(answer.headers['content-security-policy']).toContain("default-src 'none'");
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['x-frame-options']).toBe('DENY');
      expect(answer.text).not.toContain(marker);
    }
    expect(operatorsCommand('list').stdout).not.toContain(marker);
  });
  it('the operators command refuses what it cannot do, in one line, changing nothing', () => {
    const before = operatorsCommand('list').stdout;
    const cases = [
      [['add', 'x@example.com', '--role', 'admin'], 1, 'An admin needs at least one Pool (--pools).'],
      [
        ['add', 'x@example.com', '--role', 'admin', '--pools', 'Nowhere'],
        1,
        'There is no Pool "Nowhere". Pools: Growth, Research.',
      ],
      [['add', 'x@example.com', '--role', 'king'], 1, 'Role must be owner, admin or viewer.'],
      [['add', 'olga@example.com', '--role', 'viewer'], 1, 'olga@example.com is already an operator.'],
      [['revoke', 'nobody@example.com'], 1, 'No operator nobody@example.com.'],
      [['frobnicate'], 2, 'Unknown operators command "frobnicate".'],
      [['add', 'x@example.com', '--colour', 'red'], 2, "Unknown option '--colour'"],
    ] as const;
    for (const [args, status, message] of cases) {
      const run = operatorsCommand(...args);
      expect(run.status, args.join(' ')).toBe(status);
      expect(run.stderr).toContain(message);
    }
    expect(operatorsCommand('list').stdout).toBe(before);
  });
  it('keeps each operator’s theme, filters and profile their own; a new operator needs no first-run setup', async () => {
    const tia = await operator('tia@example.com', 'admin', 'growth');
    const fresh = await call(tia, 'settings.get', {});
    expect(fresh.body.data).toMatchObject({ operator: { displayName: 'tia', email: 'tia@example.com' } });
    await call(tia, 'settings.updateAppearance', { theme: 'dark' });
    await call(tia, 'settings.updateInviteFilters', { filters: { status: 'accepted' } });
    await call(tia, 'settings.updateOperator', { displayName: 'Tia', email: 'tia@example.com' });
    expect((await call(tia, 'settings.get', {})).body.data).toMatchObject({
      theme: 'dark',
      inviteFilters: { status: 'accepted' },
      operator: { displayName: 'Tia' },
    });
    const owners = (await call(owner, 'settings.get', {})).body.data!;
    expect(owners).toMatchObject({ theme: 'system', inviteFilters: {}, operator: { displayName: 'olga' } });
    // Their own profile is theirs to change; server-wide settings are the owner's.
    expect((await call(tia, 'settings.updateAlerts', owners['alerts'])).status).toBe(403);
    const audit = await call(owner, 'audit.list', { action: 'settings.changed' });
    expect(audit.body.data!['entries']).toContainEqual(
      expect.objectContaining({ actor: { kind: 'operator', name: 'tia@example.com' }, targetId: 'operator' }),
    );
  });
  // Next to last: it spends this address's sign-in budget.
  it('slows one address trying many accounts: past 30 sign-ins a minute, 429 with when to come back', async () => {
    const answers = [];
    for (let i = 0; i < 31; i++) {
      const answer = await send('/api/session', {
        method: 'POST',
        json: { email: `nobody${i}@example.com`, password: 'guess', code: '123456' },
      });
      answers.push(answer.status);
      if (answer.status === 429) {
        expect(answer.json()).toMatchObject({
          ok: false,
          error: { code: 'rate_limited', message: /Try again in \d+ seconds/ },
        });
        expect(answer.headers['retry-after']).toMatch(/^\d+$/);
        break;
      }
    }
    expect(answers.at(-1)).toBe(429);
    expect(new Set(answers.slice(0, -1))).toEqual(new Set([401]));
  });

  // Last: it stops the server.
  it('stops on SIGTERM at once, though a console’s event stream is open', async () => {
    const stream = await openEventStream(`${origin}/events`, { ca, headers: owner.bearer });
    expect(stream.status).toBe(200);
    await stopServer(team.server().child);
    await stream.ended;
    expect(team.server().lines().at(-1)).toMatchObject({ msg: 'server stopping', signal: 'SIGTERM' });
  });
});
