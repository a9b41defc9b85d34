import { createHash, randomBytes } from 'node:crypto';
import { sql, type Updateable } from 'kysely';
import type { z } from 'zod';
import {
  addOperatorInput,
  operatorPassword,
  secondFactor,
  type OperatorRole,
  type OperatorView,
} from '../../../shared/contract';
import type { Actor } from '../audit/audit-log';
import { AppError } from '../errors';
import type { Schema } from '../db/sql/schema';
import type { Foundation } from '../foundation';
import { newId } from '../ids';
import { validationError } from '../rpc/validation-error';
import { newRecoveryCodes, newTotp, recoveryDigest, totpFor, verifyTotp } from './second-factor';

/** The native argon2 binding, loaded on first use: only a team server's sign-ins need it. */
const argon2 = () => import('@node-rs/argon2');

const ENROLMENT_TTL_MS = 72 * 60 * 60_000;
/** A session ends after this long unused, and after this long in any case. */
export const SESSION_IDLE_MS = 12 * 60 * 60_000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60_000;
const TOUCH_EVERY_MS = 60_000;
/** Free failed attempts before the lockout; each one after doubles it, up to an hour. */
const FREE_FAILURES = 5;
const LOCKOUT_BASE_MS = 60_000;
const LOCKOUT_MAX_MS = 60 * 60_000;
const TOTP_PURPOSE = (operatorId: string) => `operator.totp:${operatorId}`;
const PENDING_TOTP_PURPOSE = (tokenHash: Buffer) => `operator.enrolment-totp:${tokenHash.toString('hex')}`;
/** The same sentence whatever was wrong: a guesser learns nothing about which part. */
const WRONG = 'The email, password or code is not right.';

interface Row {
  id: string;
  email: string;
  role: OperatorRole;
  pool_ids: string;
  password_hash: string | null;
  totp_secret: Buffer | null;
  totp_last_step: number | null;
  recovery_codes: string;
  failed_sign_ins: number;
  locked_until: number | null;
  enrolled_at: number | null;
  revoked_at: number | null;
  created_at: number;
}

interface Enrolment {
  token_hash: Buffer;
  operator_id: string;
  pending_totp: Buffer | null;
  expires_at: number;
  used_at: number | null;
}

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest();
const newToken = () => randomBytes(32).toString('base64url');

function view(row: Row): OperatorView {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    poolIds: JSON.parse(row.pool_ids) as string[],
    status: row.revoked_at !== null ? 'revoked' : row.enrolled_at !== null ? 'active' : 'invited',
    createdAt: row.created_at,
    enrolledAt: row.enrolled_at,
  };
}

/** One field's first complaint, as `validation_failed`. */
function invalid(field: string, error: z.ZodError): AppError {
  const message = error.issues[0]?.message ?? 'Not valid.';
  return new AppError('validation_failed', message, { [field]: message });
}

/** "1 minute", "2 minutes": a wait, rounded up to whole minutes. */
function minutes(ms: number): string {
  const n = Math.ceil(ms / 60_000);
  return n === 1 ? '1 minute' : `${n} minutes`;
}

function lockoutMs(failures: number): number {
  return failures < FREE_FAILURES ? 0 : Math.min(LOCKOUT_BASE_MS * 2 ** (failures - FREE_FAILURES), LOCKOUT_MAX_MS);
}

/**
 * The team server's operators: added by an owner (or the command line) with a one-time
 * enrolment link, enrolled with a password (argon2id) and an authenticator (TOTP, plus recovery
 * codes shown once), signed in for a session that idles out, ends after a week, and dies with
 * the operator. Failed sign-ins lock the operator out for a doubling while.
 */
export function createOperatorsService(deps: Pick<Foundation, 'db' | 'changes' | 'secrets' | 'now'>) {
  const { db, changes, secrets, now } = deps;
  const operators = () => db.q().selectFrom('operators').selectAll();
  const byId = (id: string) => operators().where('id', '=', id).executeTakeFirst() as Promise<Row | undefined>;
  const activeByEmail = (email: string) =>
    operators().where('email', '=', email).where('revoked_at', 'is', null).executeTakeFirst() as Promise<
      Row | undefined
    >;
  const setOperator = (id: string, values: Updateable<Schema['operators']>) =>
    db.q().updateTable('operators').set(values).where('id', '=', id).execute();
  const enrolments = () => db.q().updateTable('operator_enrolments');
  const sessions = () => db.q().updateTable('operator_sessions');

  async function existing(id: string): Promise<Row> {
    const row = await byId(id);
    if (!row) throw new AppError('not_found', 'That operator does not exist.');
    return row;
  }

  /** The enrolment behind a link, while it can still be used. */
  async function openEnrolment(token: string): Promise<{ enrolment: Enrolment; operator: Row }> {
    const enrolment = (await db
      .q()
      .selectFrom('operator_enrolments')
      .selectAll()
      .where('token_hash', '=', digest(token))
      .executeTakeFirst()) as Enrolment | undefined;
    const operator = enrolment && (await byId(enrolment.operator_id));
    if (!enrolment || !operator || operator.revoked_at !== null || operator.enrolled_at !== null) {
      throw new AppError('not_active', 'This enrolment link was already used or is not valid.');
    }
    if (enrolment.used_at !== null) throw new AppError('not_active', 'This enrolment link was already used.');
    if (enrolment.expires_at <= now()) {
      throw new AppError('not_active', 'This enrolment link has expired. Ask an owner for a new one.');
    }
    return { enrolment, operator };
  }

  async function failSignIn(row: Row, reason: 'password' | 'code' | 'not_enrolled', at: number): Promise<never> {
    const failures = row.failed_sign_ins + 1;
    const lock = lockoutMs(failures);
    await changes.write(async (write) => {
      await setOperator(row.id, {
        failed_sign_ins: failures,
        locked_until: lock > 0 ? at + lock : null,
        updated_at: at,
      });
      await write.audit({
        action: 'operator.sign_in_failed',
        actor: { kind: 'operator', name: row.email },
        targetType: 'operator',
        targetId: row.id,
        poolId: null,
        details: { email: row.email, reason, failures },
      });
    });
    throw new AppError('unauthorized', WRONG);
  }

  return {
    list: async (): Promise<OperatorView[]> =>
      (
        (await operators()
          .orderBy(sql`revoked_at IS NOT NULL`)
          .orderBy('email')
          .execute()) as Row[]
      ).map(view),

    /** A new operator and the one-time link that enrols them (shown once; only its digest is kept). */
    async add(
      input: unknown,
      actor: Actor,
    ): Promise<{ operator: OperatorView; enrolmentToken: string; expiresAt: number }> {
      const parsed = addOperatorInput.safeParse(input);
      if (!parsed.success) {
        const body = validationError(parsed.error);
        throw new AppError('validation_failed', body.message, body.fields);
      }
      const { email, role, poolIds } = parsed.data;
      if (await activeByEmail(email)) {
        throw new AppError('validation_failed', `${email} is already an operator.`, {
          email: 'Already an operator: revoke them first to start over.',
        });
      }
      const id = newId('operator');
      const token = newToken();
      const at = now();
      const expiresAt = at + ENROLMENT_TTL_MS;
      await changes.write(async (write) => {
        await db
          .q()
          .insertInto('operators')
          .values({ id, email, role, pool_ids: JSON.stringify(poolIds), created_at: at, updated_at: at })
          .execute();
        await db
          .q()
          .insertInto('operator_enrolments')
          .values({ token_hash: digest(token), operator_id: id, expires_at: expiresAt, created_at: at })
          .execute();
        await write.audit({
          action: 'operator.added',
          actor,
          targetType: 'operator',
          targetId: id,
          poolId: null,
          details: { email, role, poolIds },
        });
      });
      return { operator: view(await existing(id)), enrolmentToken: token, expiresAt };
    },

    /**
     * What the enrolment page shows: who, and the authenticator secret to scan (kept sealed until
     * confirmed). Opening the link again shows the same secret, so an app that scanned it keeps working.
     */
    async beginEnrolment(
      token: string,
    ): Promise<{ email: string; role: OperatorRole; totpSecret: string; totpUri: string }> {
      const { enrolment, operator } = await openEnrolment(token);
      const purpose = PENDING_TOTP_PURPOSE(enrolment.token_hash);
      const totp = enrolment.pending_totp
        ? totpFor(operator.email, secrets.open(purpose, enrolment.pending_totp))
        : newTotp(operator.email);
      if (!enrolment.pending_totp)
        await enrolments()
          .set({ pending_totp: secrets.seal(purpose, totp.secret) })
          .where('token_hash', '=', enrolment.token_hash)
          .where('used_at', 'is', null)
          .execute();
      return { email: operator.email, role: operator.role, totpSecret: totp.secret, totpUri: totp.uri };
    },

    /**
     * Sets the password and confirms the authenticator with its first code; the link is spent in
     * the same write. Returns the recovery codes, which are never shown again.
     */
    async enrol(token: string, input: { password: unknown; code: unknown }): Promise<{ recoveryCodes: string[] }> {
      const password = operatorPassword.safeParse(input.password);
      if (!password.success) throw invalid('password', password.error);
      const code = secondFactor.safeParse(input.code);
      if (!code.success) throw invalid('code', code.error);
      const { enrolment } = await openEnrolment(token);
      if (!enrolment.pending_totp)
        throw new AppError('not_active', 'Open the enrolment link again to set up the authenticator.');
      const totpSecret = secrets.open(PENDING_TOTP_PURPOSE(enrolment.token_hash), enrolment.pending_totp);
      const step = verifyTotp(totpSecret, code.data, now(), null);
      if (step === null) {
        throw new AppError('validation_failed', 'That code does not match the authenticator just set up.', {
          code: 'Enter the current six-digit code from the authenticator app.',
        });
      }
      const passwordHash = await (await argon2()).hash(password.data);
      const recovery = newRecoveryCodes();
      await changes.write(async (write) => {
        // Checked again inside the write: two tabs enrolling at once, one wins.
        const { operator } = await openEnrolment(token);
        const at = now();
        await enrolments()
          .set({ used_at: at })
          .where('token_hash', '=', enrolment.token_hash)
          .where('used_at', 'is', null)
          .execute();
        await setOperator(operator.id, {
          password_hash: passwordHash,
          totp_secret: secrets.seal(TOTP_PURPOSE(operator.id), totpSecret),
          totp_last_step: step,
          recovery_codes: JSON.stringify(recovery.digests),
          enrolled_at: at,
          updated_at: at,
        });
        await write.audit({
          action: 'operator.enrolled',
          actor: { kind: 'operator', name: operator.email },
          targetType: 'operator',
          targetId: operator.id,
          poolId: null,
          details: { email: operator.email },
        });
      });
      return { recoveryCodes: recovery.codes };
    },

    /** Password and a code (or a recovery code, spent): a session token, or `unauthorized` / `rate_limited`. */
    async signIn(input: { email: unknown; password: unknown; code: unknown }): Promise<{
      session: string;
      operator: OperatorView;
    }> {
      const email = typeof input.email === 'string' ? input.email.trim().toLowerCase() : '';
      const password = typeof input.password === 'string' ? input.password : '';
      const code = secondFactor.safeParse(input.code);
      const row = email ? await activeByEmail(email) : undefined;
      const at = now();
      if (!row) throw new AppError('unauthorized', WRONG);
      if (row.locked_until !== null && row.locked_until > at) {
        throw new AppError('rate_limited', `Too many failed sign-ins. Try again in ${minutes(row.locked_until - at)}.`);
      }
      if (row.password_hash === null || row.totp_secret === null) return failSignIn(row, 'not_enrolled', at);
      if (
        password.length === 0 ||
        password.length > 1_024 ||
        !(await (await argon2()).verify(row.password_hash, password))
      ) {
        return failSignIn(row, 'password', at);
      }
      if (!code.success) return failSignIn(row, 'code', at);
      let step = row.totp_last_step;
      let recovery = JSON.parse(row.recovery_codes) as string[];
      let used: 'code' | 'recovery_code' = 'code';
      if (code.data.includes('-')) {
        const wanted = recoveryDigest(code.data);
        if (!recovery.includes(wanted)) return failSignIn(row, 'code', at);
        recovery = recovery.filter((d) => d !== wanted);
        used = 'recovery_code';
      } else {
        step = verifyTotp(secrets.open(TOTP_PURPOSE(row.id), row.totp_secret), code.data, at, row.totp_last_step);
        if (step === null) return failSignIn(row, 'code', at);
      }
      const session = newToken();
      const spent = used === 'recovery_code' ? recoveryDigest(code.data) : null;
      const won = await changes.write(async (write) => {
        // Two sign-ins with one code raced through the password check: the first write takes it.
        const current = await existing(row.id);
        const replayed =
          spent !== null
            ? !(JSON.parse(current.recovery_codes) as string[]).includes(spent)
            : current.totp_last_step !== null && step !== null && step <= current.totp_last_step;
        if (replayed || current.revoked_at !== null) return false;
        await setOperator(row.id, {
          failed_sign_ins: 0,
          locked_until: null,
          totp_last_step: step,
          recovery_codes: JSON.stringify(recovery),
          updated_at: at,
        });
        await db
          .q()
          .insertInto('operator_sessions')
          .values({ token_hash: digest(session), operator_id: row.id, created_at: at, last_seen_at: at })
          .execute();
        await write.audit({
          action: 'operator.signed_in',
          actor: { kind: 'operator', name: row.email },
          targetType: 'operator',
          targetId: row.id,
          poolId: null,
          details: { email: row.email, with: used },
        });
        return true;
      });
      if (!won) return failSignIn(await existing(row.id), 'code', at);
      return { session, operator: view(await existing(row.id)) };
    },

    /** The operator a session belongs to while it is live; null otherwise. Using it keeps it alive. */
    async session(token: string): Promise<OperatorView | null> {
      const hash = digest(token);
      const session = await db
        .q()
        .selectFrom('operator_sessions')
        .select(['operator_id', 'created_at', 'last_seen_at', 'revoked_at'])
        .where('token_hash', '=', hash)
        .executeTakeFirst();
      const at = now();
      if (!session || session.revoked_at !== null) return null;
      if (at - session.last_seen_at >= SESSION_IDLE_MS || at - session.created_at >= SESSION_ABSOLUTE_MS) return null;
      const operator = await byId(session.operator_id);
      if (!operator || operator.revoked_at !== null) return null;
      // Its idle clock moves at most once a minute: a busy console's calls are reads, not a write each.
      if (at - session.last_seen_at >= TOUCH_EVERY_MS)
        await sessions().set({ last_seen_at: at }).where('token_hash', '=', hash).execute();
      return view(operator);
    },

    async signOut(token: string): Promise<void> {
      await sessions()
        .set({ revoked_at: now() })
        .where('token_hash', '=', digest(token))
        .where('revoked_at', 'is', null)
        .execute();
    },

    /** Ends the operator and every session of theirs at once. */
    async revoke(email: string, actor: Actor): Promise<OperatorView> {
      const row = await activeByEmail(email.trim().toLowerCase());
      if (!row) throw new AppError('not_found', `No operator ${email}.`);
      await changes.write(async (write) => {
        const at = now();
        await setOperator(row.id, { revoked_at: at, updated_at: at });
        // Live ones only (the count is audited); an idle or week-old session is over already.
        const ended = await sessions()
          .set({ revoked_at: at })
          .where('operator_id', '=', row.id)
          .where('revoked_at', 'is', null)
          .where('last_seen_at', '>', at - SESSION_IDLE_MS)
          .where('created_at', '>', at - SESSION_ABSOLUTE_MS)
          .executeTakeFirst();
        const sessionCount = Number(ended.numUpdatedRows);
        await write.audit({
          action: 'operator.revoked',
          actor,
          targetType: 'operator',
          targetId: row.id,
          poolId: null,
          details: { email: row.email, sessions: sessionCount },
        });
      });
      return view(await existing(row.id));
    },
  };
}

export type OperatorsService = ReturnType<typeof createOperatorsService>;
