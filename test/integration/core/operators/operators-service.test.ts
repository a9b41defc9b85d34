import { readFileSync } from 'node:fs';
import { generateSync } from 'otplib';
import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../../../electron/core/operators/operators-service';
import { allFiles } from '../../../support/data-files';
import { snapshotStore } from '../../../support/db-snapshot';
import { startTestCore, type TestCore } from '../../../support/test-core';

const OWNER = { kind: 'operator' as const, name: 'root@example.com' };
const PASSWORD = 'correct horse battery staple';

let t: TestCore;
let clock = Date.UTC(2026, 11, 2, 12, 0, 0);
afterEach(() => t.dispose());

async function start() {
  clock = Date.UTC(2026, 11, 2, 12, 0, 0);
  t = await startTestCore({ now: () => clock });
  return t.services.operators;
}

/** The authenticator app: the code for `secret` at the console's clock (plus `stepsLater` × 30 s). */
const codeFor = (secret: string, stepsLater = 0) =>
  generateSync({ secret, epoch: Math.floor(clock / 1000) + stepsLater * 30 });

/** Adds and enrols an operator; returns its authenticator secret and recovery codes. */
async function enrolled(email = 'ada@example.com', role: 'owner' | 'viewer' = 'owner') {
  const operators = t.services.operators;
  const { enrolmentToken } = await operators.add({ email, role }, OWNER);
  const { totpSecret } = await operators.beginEnrolment(enrolmentToken);
  const { recoveryCodes } = await operators.enrol(enrolmentToken, { password: PASSWORD, code: codeFor(totpSecret) });
  return { totpSecret, recoveryCodes, enrolmentToken };
}

/** Ada's sign-in with this password and code (or recovery code). */
const signInAsAda = (password: string, code: string | undefined) =>
  t.services.operators.signIn({ email: 'ada@example.com', password, code });

const actions = async () => (await t.call('audit.list', {})).entries.map((e) => e.action);

describe('operators on the team server', () => {
  it('enrol once through a link kept only as a digest: password (argon2id), authenticator, recovery codes', async () => {
    const operators = await start();
    const added = await operators.add(
      { email: ' Ada@Example.com ', role: 'admin', poolIds: ['pool-0123456789abcdef01234567'] },
      OWNER,
    );
    expect(added.operator).toMatchObject({ email: 'ada@example.com', role: 'admin', status: 'invited' });
    expect(added.expiresAt - clock).toBe(72 * 60 * 60_000);
    const page = await operators.beginEnrolment(added.enrolmentToken);
    expect(page).toMatchObject({ email: 'ada@example.com', role: 'admin' });
    expect(page.totpUri).toMatch(
      /^otpauth:\/\/totp\/Pooler%20Console:ada%40example\.com\?secret=[A-Z2-7]+&issuer=Pooler%20Console/,
    );
    // Opening the link again (a reload, a failed form) shows the secret the app already scanned.
    expect((await operators.beginEnrolment(added.enrolmentToken)).totpSecret).toBe(page.totpSecret);
    // A wrong first code: nothing is enrolled, the link still works.
    await expect(operators.enrol(added.enrolmentToken, { password: PASSWORD, code: '000000' })).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { code: expect.any(String) },
    });
    await expect(
      operators.enrol(added.enrolmentToken, { password: 'short', code: codeFor(page.totpSecret) }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { password: 'Use at least 12 characters.' },
    });
    const { recoveryCodes } = await operators.enrol(added.enrolmentToken, {
      password: PASSWORD,
      code: codeFor(page.totpSecret),
    });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(await operators.list()).toEqual([
      expect.objectContaining({ email: 'ada@example.com', status: 'active', enrolledAt: clock }),
    ]);
    // Spent: the link works once.
    await expect(operators.beginEnrolment(added.enrolmentToken)).rejects.toMatchObject({ code: 'not_active' });
    // Nothing secret at rest: not the token, the password, the TOTP secret or a recovery code.
    const bytes = Buffer.concat(allFiles(t.dataDir).map((f) => readFileSync(f)));
    for (const secret of [added.enrolmentToken, PASSWORD, page.totpSecret, ...recoveryCodes]) {
      expect(bytes.includes(Buffer.from(secret)), secret.slice(0, 4)).toBe(false);
    }
    const row = (await snapshotStore(t)).operators?.[0] as { password_hash: string };
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await actions()).toEqual(expect.arrayContaining(['operator.added', 'operator.enrolled']));
  });

  it('refuses bad input to add, and an expired or unknown link, changing nothing', async () => {
    const operators = await start();
    const before = await snapshotStore(t);
    for (const input of [
      { email: 'not an email', role: 'owner' },
      { email: 'a@example.com', role: 'root' },
      { email: 'a@example.com', role: 'admin' },
      { email: 'a@example.com', role: 'viewer', poolIds: ['pool-0123456789abcdef01234567'] },
    ]) {
      await expect(operators.add(input, OWNER), JSON.stringify(input)).rejects.toMatchObject({
        code: 'validation_failed',
      });
    }
    expect(await snapshotStore(t)).toEqual(before);
    const { enrolmentToken } = await operators.add({ email: 'a@example.com', role: 'owner' }, OWNER);
    await expect(operators.add({ email: 'A@example.com', role: 'viewer' }, OWNER)).rejects.toThrow(
      /already an operator/,
    );
    await expect(operators.beginEnrolment('x'.repeat(43))).rejects.toMatchObject({ code: 'not_active' });
    clock += 72 * 60 * 60_000;
    await expect(operators.beginEnrolment(enrolmentToken)).rejects.toThrow(/has expired/);
  });

  it('signs in with password and code; a reused code, a wrong one, or an unknown email all read the same', async () => {
    const operators = await start();
    const { totpSecret } = await enrolled();
    clock += 60_000;
    const code = codeFor(totpSecret);
    const signed = await signInAsAda(PASSWORD, code);
    expect(signed.session).toMatch(/^[\w-]{43}$/);
    expect(await operators.session(signed.session)).toMatchObject({ email: 'ada@example.com', role: 'owner' });
    const wrong = { code: 'unauthorized', message: 'The email, password or code is not right.' };
    // The same code again (replayed) is refused, like a wrong one.
    await expect(signInAsAda(PASSWORD, code)).rejects.toMatchObject(wrong);
    await expect(signInAsAda('wrong password!', codeFor(totpSecret, 1))).rejects.toMatchObject(wrong);
    await expect(
      operators.signIn({ email: 'nobody@example.com', password: PASSWORD, code: codeFor(totpSecret, 1) }),
    ).rejects.toMatchObject(wrong);
    const failures = (await t.call('audit.list', { action: 'operator.sign_in_failed' })).entries.map((e) => e.details);
    expect(failures).toEqual([
      { email: 'ada@example.com', reason: 'password', failures: 2 },
      { email: 'ada@example.com', reason: 'code', failures: 1 },
    ]);
    // The next good code resets the count.
    await signInAsAda(PASSWORD, codeFor(totpSecret, 1));
  });

  it('two sign-ins racing with one code: exactly one gets a session', async () => {
    await start();
    const { totpSecret } = await enrolled();
    clock += 30_000;
    const code = codeFor(totpSecret);
    const results = await Promise.allSettled([1, 2].map(() => signInAsAda(PASSWORD, code)));
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await snapshotStore(t)).operator_sessions).toHaveLength(1);
  });

  it('locks out after five failures, doubling; a recovery code works once', async () => {
    const operators = await start();
    const { totpSecret, recoveryCodes } = await enrolled();
    for (let i = 0; i < 5; i++) {
      await expect(signInAsAda('not the password', '123456')).rejects.toMatchObject({
        code: 'unauthorized',
      });
    }
    // Locked: even the right password and code wait a minute.
    await expect(signInAsAda(PASSWORD, codeFor(totpSecret))).rejects.toMatchObject({
      code: 'rate_limited',
      message: 'Too many failed sign-ins. Try again in 1 minute.',
    });
    clock += 60_000;
    await expect(signInAsAda('still wrong!!', '123456')).rejects.toMatchObject({
      code: 'unauthorized',
    });
    await expect(signInAsAda(PASSWORD, codeFor(totpSecret))).rejects.toMatchObject({
      message: 'Too many failed sign-ins. Try again in 2 minutes.',
    });
    clock += 2 * 60_000;
    const withRecovery = await signInAsAda(PASSWORD, recoveryCodes[0]);
    expect(await operators.session(withRecovery.session)).not.toBeNull();
    await expect(signInAsAda(PASSWORD, recoveryCodes[0])).rejects.toMatchObject({
      code: 'unauthorized',
    });
    const signIns = (await t.call('audit.list', { action: 'operator.signed_in' })).entries.map((e) => e.details);
    expect(signIns[0]).toEqual({ email: 'ada@example.com', with: 'recovery_code' });
  });

  it('sessions idle out, end after a week, end on sign-out, and all die when the operator is revoked', async () => {
    const operators = await start();
    const { totpSecret } = await enrolled();
    const signIn = async (steps: number) => (await signInAsAda(PASSWORD, codeFor(totpSecret, steps))).session;
    clock += 30_000;
    const idle = await signIn(0);
    clock += SESSION_IDLE_MS + 1;
    expect(await operators.session(idle)).toBeNull();

    const used = await signIn(0);
    for (let elapsed = 0; elapsed < SESSION_ABSOLUTE_MS; elapsed += SESSION_IDLE_MS / 2) {
      expect(await operators.session(used)).not.toBeNull();
      clock += SESSION_IDLE_MS / 2;
    }
    expect(await operators.session(used)).toBeNull();

    // A console's calls within a minute are reads: nothing is written for them.
    const busy = await signIn(0);
    const before = await snapshotStore(t);
    clock += 59_000;
    expect(await operators.session(busy)).not.toBeNull();
    expect(await snapshotStore(t)).toEqual(before);
    clock += 1_000;
    expect(await operators.session(busy)).not.toBeNull();
    expect(await snapshotStore(t)).not.toEqual(before);
    await operators.signOut(busy);

    const ended = await signIn(0);
    await operators.signOut(ended);
    expect(await operators.session(ended)).toBeNull();

    clock += 30_000;
    const live = [await signIn(0), await signIn(1)];
    expect((await Promise.all(live.map((s) => operators.session(s)))).every((o) => o !== null)).toBe(true);
    expect(await operators.revoke('ADA@example.com', OWNER)).toMatchObject({ status: 'revoked' });
    expect(await Promise.all(live.map((s) => operators.session(s)))).toEqual([null, null]);
    await expect(signInAsAda(PASSWORD, codeFor(totpSecret, 2))).rejects.toMatchObject({
      code: 'unauthorized',
    });
    expect((await t.call('audit.list', { action: 'operator.revoked' })).entries[0]?.details).toEqual({
      email: 'ada@example.com',
      sessions: 2,
    });
    // The email can be invited again, from scratch.
    expect((await operators.add({ email: 'ada@example.com', role: 'viewer' }, OWNER)).operator.status).toBe('invited');
  });
});
