import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PoolerEvent, Result, TeamStatus } from '../../../shared/contract';
import type { Deliver } from '../../../electron/core';
import { teamConnectionStore } from '../../../electron/core/team/team-sign-in';
import { createTeamDoor } from '../../../electron/main/team-door';
import { freePort } from '../../support/free-port';
import { stopServer } from '../../support/serve-process';
import { OPERATOR_PASSWORD, startTeamServer, type EnrolledOperator, type TeamServer } from '../../support/team-server';
import { startTestCore, type TestCore } from '../../support/test-core';

// Two desktop consoles (two local cores, each with its own keychain entry) connected through
// their main process's door to one real team server over HTTPS: each works as its operator, sees
// the other's changes live, keeps the last lists readable while the server is away, and goes back
// to its own store when it disconnects.

const cleanups: (() => unknown)[] = [];
const cleanup = (fn: () => unknown) => void cleanups.push(fn);
let team: TeamServer;
let owner: EnrolledOperator;
let ann: EnrolledOperator;
let research = '';

beforeAll(async () => {
  team = await startTeamServer(cleanup, { POOLER_SERVER_PORT: String(await freePort()) });
  owner = await team.operator('olga@example.com', 'owner');
  research = (await team.call(owner, 'pools.create', { name: 'Research' })).body.data!['id'];
  await team.call(owner, 'pools.create', { name: 'Growth' });
  ann = await team.operator('ann@example.com', 'admin', 'research');
});
afterAll(async () => {
  for (const fn of cleanups.reverse()) await fn();
});

interface Desktop {
  t: TestCore;
  door: ReturnType<typeof createTeamDoor>;
  events: PoolerEvent[];
  call(channel: string, input: unknown, deliver?: Deliver): Promise<Result<never>>;
}

/** A desktop console: its own core and keychain, its main process's door, the window's event feed. */
async function desktop(given?: TestCore): Promise<Desktop> {
  const t = given ?? (await startTestCore());
  cleanup(() => t.dispose());
  const door = createTeamDoor({ core: t.core, store: teamConnectionStore(t.keychainService), ca: team.ca });
  cleanup(door.close);
  const events: PoolerEvent[] = [];
  door.subscribe((event) => events.push(event));
  return {
    t,
    door,
    events,
    call: (channel, input, deliver) => door.dispatch(channel, input, deliver ? { deliver } : {}) as never,
  };
}

const connect = (d: Desktop, who: EnrolledOperator, code = who.recoveryCodes.shift()!) =>
  d.call('team.connect', { url: team.origin, email: who.email, password: OPERATOR_PASSWORD, code });

describe('a desktop console connected to a team server', () => {
  it('refuses a bad address, a wrong password and a server that is not there, staying on its own store', async () => {
    const d = await desktop();
    expect(
      await d.call('team.connect', { url: 'ftp://x', email: 'a@example.com', password: 'p', code: '123456' }),
    ).toMatchObject({ ok: false, error: { code: 'validation_failed', fields: { url: expect.any(String) } } });
    expect(
      await d.call('team.connect', {
        url: team.origin,
        email: owner.email,
        password: 'wrong password',
        code: '123456',
      }),
    ).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const nowhere = `https://127.0.0.1:${await freePort()}`;
    const refused = await d.call('team.connect', { url: nowhere, email: owner.email, password: 'x', code: '123456' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'server_unreachable', message: /ECONNREFUSED/ } });
    expect(await d.call('team.status', {})).toEqual({ ok: true, data: { state: 'local' } });
    expect(teamConnectionStore(d.t.keychainService).load()).toBeNull();
  });

  it('works as the signed-in operator, and two consoles see each other’s changes live', async () => {
    const olga = await desktop();
    const annsDesk = await desktop();
    expect(await connect(olga, owner)).toMatchObject({
      ok: true,
      data: { state: 'connected', url: team.origin, email: 'olga@example.com', role: 'owner', offlineSince: null },
    });
    expect(await connect(annsDesk, ann)).toMatchObject({ ok: true, data: { role: 'admin' } });
    expect(annsDesk.events.at(-1)).toMatchObject({ name: 'team.changed', payload: { state: 'connected' } });

    const created = await olga.call('invites.create', {
      poolId: research,
      email: 'bob@example.com',
      expiry: '7d',
      sendEmail: false,
    });
    expect(created).toMatchObject({ ok: true, data: { invite: { createdBy: 'olga@example.com' } } });
    await expect.poll(() => annsDesk.events.map((e) => e.name)).toContain('invites.changed');
    const seen = (await annsDesk.call('invites.list', {})) as Result<{
      invites: { email: string; createdBy: string }[];
    }>;
    expect(seen.ok && seen.data.invites).toEqual([
      expect.objectContaining({ email: 'bob@example.com', createdBy: 'olga@example.com' }),
    ]);
    // Ann is an admin of Research only: the server says so, through her console.
    expect((await annsDesk.call('pools.list', {})) as Result<{ pools: unknown[] }>).toMatchObject({
      ok: true,
      data: { pools: [expect.objectContaining({ name: 'Research' })] },
    });
    expect(await annsDesk.call('pools.create', { name: 'Mine' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // Neither console's own store was touched.
    expect((await olga.t.call('invites.list', {})).invites).toEqual([]);

    // A download comes from the server into wherever the console saves it, with its count.
    const chunks: Buffer[] = [];
    const deliver: Deliver = async (download) => {
      const count = await download.write(
        new Writable({ write: (chunk: Buffer, _e, done) => void (chunks.push(chunk), done()) }),
      );
      return { kind: 'saved', fileName: download.fileName, count };
    };
    const exported = await olga.call('invites.export', { format: 'csv', filters: {} }, deliver);
    expect(exported).toMatchObject({
      ok: true,
      data: { kind: 'saved', fileName: expect.stringMatching(/\.csv$/), count: 1 },
    });
    expect(Buffer.concat(chunks).toString()).toContain('bob@example.com');
  });

  it('reconnects after a restart from the keychain alone, and disconnecting returns to its own store and ends the session', async () => {
    const first = await desktop();
    await connect(first, owner);
    const saved = teamConnectionStore(first.t.keychainService).load();
    expect(saved).toMatchObject({ url: team.origin, email: 'olga@example.com', role: 'owner' });
    first.door.close();

    // The app starts again on the same machine: same core data, same keychain entry.
    const again = await desktop(first.t);
    expect(await again.call('team.status', {})).toMatchObject({ ok: true, data: { state: 'connected' } });
    expect(await again.call('pools.list', {})).toMatchObject({ ok: true, data: { pools: [{}, {}] } });

    expect(await again.call('team.disconnect', {})).toEqual({ ok: true, data: { state: 'local' } });
    expect(again.events.at(-1)).toEqual({ name: 'team.changed', payload: { state: 'local' } });
    expect(teamConnectionStore(first.t.keychainService).load()).toBeNull();
    expect(await again.call('pools.list', {})).toEqual({ ok: true, data: { pools: [] } });
    await expect
      .poll(
        async () =>
          (await team.send('/api/session', { headers: { authorization: `Bearer ${saved!.session}` } })).status,
      )
      .toBe(401);
  });

  it('after its event stream drops, tells the window to read everything again once it is back', async () => {
    const d = await desktop();
    await connect(d, owner);
    // Connected, then its stream open: each says so, and the window reads again.
    await expect.poll(() => d.events.length).toBe(2);
    await stopServer(team.server().child);
    await team.restart();
    await expect.poll(() => d.events.length, { timeout: 15_000 }).toBeGreaterThan(2);
    await expect
      .poll(() => d.events.at(-1), { timeout: 15_000 })
      .toMatchObject({ name: 'team.changed', payload: { state: 'connected', offlineSince: null } });
  });

  it('while the server is away: the last lists stay readable, changes are refused with the reason; back, it is live again', async () => {
    const d = await desktop();
    await connect(d, owner);
    const oldest = await d.call('invites.list', { limit: 1 });
    expect(oldest.ok).toBe(true);
    // The last 200 distinct reads are kept: 200 more push the oldest out.
    for (let limit = 2; limit <= 200; limit++) await d.call('invites.list', { limit });
    const listed = await d.call('invites.list', {});
    expect(listed.ok).toBe(true);

    await stopServer(team.server().child);
    expect(await d.call('invites.list', {})).toEqual(listed);
    expect(await d.call('invites.list', { limit: 200 })).toMatchObject({ ok: true });
    expect(await d.call('invites.list', { limit: 1 })).toMatchObject({
      ok: false,
      error: { code: 'server_unreachable' },
    });
    const refused = await d.call('pools.create', { name: 'While away' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'server_unreachable', message: /has not answered since/ },
    });
    expect(await d.call('upstreams.list', {})).toMatchObject({ ok: false, error: { code: 'server_unreachable' } });
    expect(d.events.at(-1)).toMatchObject({
      name: 'team.changed',
      payload: { state: 'offline', offlineSince: expect.any(Number) },
    });

    await team.restart();
    await expect
      .poll(async () => (await d.call('team.status', {})) as Result<TeamStatus>, { timeout: 15_000 })
      .toMatchObject({ ok: true, data: { state: 'connected', offlineSince: null } });
    expect(await d.call('pools.create', { name: 'After' })).toMatchObject({ ok: true });
  });
});
