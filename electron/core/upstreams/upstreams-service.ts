import type { AuthJsonFile, CredentialState, UpstreamRow } from '../../../shared/contract';
import type { Actor, AuditLog } from '../audit/audit-log';
import type { Db } from '../db/open-database';
import { writeTransaction } from '../db/write-transaction';
import { AppError } from '../errors';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../log/logger';
import type { Secrets } from '../secrets/secrets';
import { authJsonText, importedAccount } from './auth-json';
import { createQuotaProber } from './quota-prober';
import { createRelinks } from './relink';
import { createTokenRefresher } from './token-refresher';
import { createUpstreamJobs } from './upstream-jobs';
import { createUpstreamsQuery } from './upstreams-query';
import { unknownUpstream, type UpstreamsStore } from './upstreams-store';

/** Upstreams (SPEC §6–§7): the page's rows and actions, and the background refresh and quota jobs. */
export function createUpstreamsService(deps: {
  db: Db;
  store: UpstreamsStore;
  secrets: Secrets;
  audit: AuditLog;
  events: EventBus;
  logger: Logger;
  issuer: () => string;
  chatgptBaseUrl: () => string;
  now: () => number;
}) {
  const { db, store, audit, events, logger, now } = deps;
  const query = createUpstreamsQuery(db);
  const refresher = createTokenRefresher({ db, store, audit, events, logger, issuer: deps.issuer, now });
  const prober = createQuotaProber({ store, refresher, events, logger, baseUrl: deps.chatgptBaseUrl, now });
  const jobs = createUpstreamJobs({ store, refresher, prober, logger, now });
  const relinks = createRelinks({
    db,
    store,
    audit,
    events,
    logger,
    issuer: deps.issuer,
    now,
    onLinked: () => jobs.kick(),
  });
  const poolById = db.prepare<[string], { id: string; name: string; status: string }>(
    'SELECT id, name, status FROM pools WHERE id = ?',
  );

  const busy = (id: string) => refresher.isRefreshing(id) || prober.isProbing(id) || relinks.isPending(id);
  const row = (id: string): UpstreamRow => {
    const found = query.one(id, now(), busy);
    if (!found) throw unknownUpstream();
    return found;
  };
  const requireSecrets = () => {
    const status = deps.secrets.status();
    if (!status.available)
      throw new AppError('keychain_unavailable', status.reason ?? 'The OS keychain is unavailable.');
  };
  const announce = (upstreamId: string, auditIds: number[]) => {
    for (const id of auditIds) events.emit({ name: 'audit.appended', payload: { id } });
    events.emit({ name: 'upstreams.changed', payload: { upstreamId } });
  };

  const unsubscribe = events.subscribe((event) => {
    // A new or relinked account gets its first quota reading now, not at the next tick.
    if (event.name === 'invites.accepted') jobs.kick();
  });

  return {
    list: (filters: { poolId?: string | undefined; state?: CredentialState | undefined }) =>
      query.list(filters, now(), busy),
    row,

    async refresh(id: string, actor: Actor): Promise<UpstreamRow> {
      requireSecrets();
      await refresher.refresh(id, actor);
      return row(id);
    },

    async checkQuota(id: string): Promise<UpstreamRow> {
      requireSecrets();
      await prober.probe(id);
      return row(id);
    },

    removeFromPool(input: { id: string; poolId: string; deleteAccount: boolean }, actor: Actor): { deleted: boolean } {
      const upstream = store.existing(input.id);
      const pool = poolById.get(input.poolId);
      const result = writeTransaction(db, () => {
        const { left, remaining } = store.leave(input.id, input.poolId);
        if (!left)
          throw new AppError('not_found', 'This account is not in that Pool.', {
            poolId: 'Not one of this account’s Pools.',
          });
        const details = { email: upstream.email, poolName: pool?.name ?? null };
        const ids = [
          audit.record({
            actor,
            action: 'upstream.removed',
            targetType: 'upstream',
            targetId: input.id,
            poolId: input.poolId,
            details,
          }),
        ];
        const deleted = remaining === 0 && input.deleteAccount && store.remove(input.id);
        if (deleted)
          ids.push(
            audit.record({
              actor,
              action: 'upstream.deleted',
              targetType: 'upstream',
              targetId: input.id,
              poolId: null,
              details: { email: upstream.email },
            }),
          );
        return { deleted, ids };
      });
      if (result.deleted) relinks.cancel(input.id);
      announce(input.id, result.ids);
      return { deleted: result.deleted };
    },

    /** The account's Codex CLI auth.json; audited. Only for accounts whose tokens still work. */
    exportAuth(id: string, actor: Actor): string {
      requireSecrets();
      const upstream = store.existing(id);
      const tokens = store.tokens(upstream);
      if (
        upstream.credential_state === 'reauth_required' ||
        !tokens.accessToken ||
        !tokens.refreshToken ||
        !tokens.idToken
      ) {
        throw new AppError('not_active', 'This account must be relinked first: its stored tokens no longer work.');
      }
      const text = authJsonText(upstream, {
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        idToken: tokens.idToken,
      });
      const auditId = audit.record({
        actor,
        action: 'upstream.exported',
        targetType: 'upstream',
        targetId: id,
        poolId: null,
        details: { email: upstream.email },
      });
      announce(id, [auditId]);
      return text;
    },

    importAuth(input: { poolId: string; file: AuthJsonFile }, actor: Actor): UpstreamRow {
      requireSecrets();
      const account = importedAccount(input.file, now());
      const { upstreamId, auditId } = writeTransaction(db, () => {
        const pool = poolById.get(input.poolId);
        if (!pool) throw new AppError('not_found', 'That Pool does not exist.', { poolId: 'Unknown Pool.' });
        if (pool.status !== 'active')
          throw new AppError('pool_not_active', `The Pool ${pool.name} is not active.`, {
            poolId: 'Choose an active Pool.',
          });
        const link = store.link(account, pool.id);
        const id = audit.record({
          actor,
          action: 'upstream.imported',
          targetType: 'upstream',
          targetId: link.upstreamId,
          poolId: pool.id,
          details: { email: account.email, poolName: pool.name, created: link.created },
        });
        return { upstreamId: link.upstreamId, auditId: id };
      });
      announce(upstreamId, [auditId]);
      jobs.kick();
      return row(upstreamId);
    },

    relinkStart: (id: string, actor: Actor) => {
      requireSecrets();
      return relinks.start(id, actor);
    },
    relinkCancel: (id: string) => relinks.cancel(id),

    /** Background refreshes and quota reads; the shells start them once the core is up. */
    jobs,
    recoverInterrupted: () => refresher.recoverInterrupted(),
    stop() {
      unsubscribe();
      jobs.stop();
      relinks.stop();
    },
  };
}

export type UpstreamsService = ReturnType<typeof createUpstreamsService>;
