import type { Foundation } from '../foundation';
import type { AuthJsonFile, InviteExpiry, UpstreamRow } from '../../../shared/contract';
import type { Actor } from '../audit/audit-log';
import { AppError } from '../errors';
import type { InvitesService } from '../invites/invites-service';
import type { InviteDelivery } from '../mail/invite-delivery';
import type { PoolsService } from '../pools/pools-service';
import type { Download } from '../rpc/download';
import { receiptFrom, type Receipt } from '../../../shared/onboarding/receipt';
import { authJsonText, importedAccount } from './auth-json';
import { createQuotaProber } from './quota-prober';
import { createRelinkLinks } from './relink-links';
import { createRelinks } from './relink';
import { createTokenRefresher } from './token-refresher';
import { createWriteBatch } from '../db/write-batch';
import { createUpstreamJobs } from './upstream-jobs';
import { createUpstreamsQuery, type UpstreamFilters } from './upstreams-query';
import { unknownUpstream, type UpstreamsStore } from './upstreams-store';

/** Upstreams (SPEC §6–§7): the page's rows and actions, and the background refresh and quota jobs. */
export function createUpstreamsService(
  deps: Pick<Foundation, 'db' | 'secrets' | 'changes' | 'events' | 'logger' | 'issuer' | 'chatgptBaseUrl' | 'now'> & {
    store: UpstreamsStore;
    pools: PoolsService;
    invites: Pick<InvitesService, 'revokeRelinkFor'>;
    delivery: InviteDelivery;
  },
) {
  const { db, store, pools, invites, secrets, changes, events, logger, now } = deps;
  const query = createUpstreamsQuery(db);
  const refresher = createTokenRefresher({ store, changes, logger, issuer: deps.issuer, now });
  const batch = createWriteBatch(db);
  const prober = createQuotaProber({ store, batch, refresher, events, logger, baseUrl: deps.chatgptBaseUrl, now });
  const jobs = createUpstreamJobs({ store, refresher, prober, logger, now });
  const relinks = createRelinks({
    store,
    changes,
    events,
    logger,
    issuer: deps.issuer,
    now,
    revokeLink: (id, actor) => invites.revokeRelinkFor(id, actor),
    onLinked: () => jobs.kick(),
  });
  const relinkLinks = createRelinkLinks({ db, store, delivery: deps.delivery });

  const busy = (id: string) => refresher.isRefreshing(id) || prober.isProbing(id) || relinks.isPending(id);
  const row = async (id: string): Promise<UpstreamRow> => {
    const found = await query.one(id, now(), busy);
    if (!found) throw unknownUpstream();
    return found;
  };

  /** The account's Codex CLI auth.json, provided its tokens still work. */
  async function authFile(id: string) {
    secrets.require();
    const upstream = await store.existing(id);
    if (upstream.handed_off_at !== null) {
      throw new AppError(
        'not_active',
        'This account was handed over: its tokens live elsewhere now. Relink it to use it here again.',
      );
    }
    if (upstream.refresh_started_at !== null || refresher.isRefreshing(id)) {
      // The file would carry a refresh token that is being spent right now.
      throw new AppError('not_active', 'A token refresh is running for this account. Export again in a moment.');
    }
    const { accessToken, refreshToken, idToken } = store.tokens(upstream);
    if (upstream.credential_state === 'reauth_required' || !accessToken || !refreshToken || !idToken) {
      throw new AppError('not_active', 'This account must be relinked first: its stored tokens no longer work.');
    }
    return { upstream, text: authJsonText(upstream, { accessToken, refreshToken, idToken }) };
  }

  const unsubscribe = events.subscribe((event) => {
    // A new or relinked account gets its first quota reading now, not at the next tick.
    if (event.name !== 'invites.accepted') return;
    jobs.kick();
    if (event.payload.kind === 'relink') relinks.superseded(event.payload.upstreamId);
  });

  return {
    list: (filters: UpstreamFilters) => query.list(filters, now(), busy),

    async refresh(id: string, actor: Actor): Promise<UpstreamRow> {
      secrets.require();
      await refresher.refresh(id, actor);
      return row(id);
    },

    /** The account's plan and latest usage as a receipt (null before the first read, or if it is gone). */
    async receipt(id: string): Promise<Receipt | null> {
      const found = await query.one(id, now(), busy);
      return found ? receiptFrom(found.planType, found.quota) : null;
    },

    async checkQuota(id: string): Promise<UpstreamRow> {
      secrets.require();
      await prober.probe(id);
      return row(id);
    },

    async removeFromPool(
      input: { id: string; poolId: string; deleteAccount: boolean },
      actor: Actor,
    ): Promise<{ deleted: boolean }> {
      const upstream = await store.existing(input.id);
      const deleted = await changes.write(async (write) => {
        const { left, remaining, poolName } = await store.leave(input.id, input.poolId);
        if (!left) {
          throw new AppError('not_found', 'This account is not in that Pool.', {
            poolId: 'Not one of this account’s Pools.',
          });
        }
        await write.audit({
          actor,
          action: 'upstream.removed',
          targetType: 'upstream',
          targetId: input.id,
          poolId: input.poolId,
          details: { email: upstream.email, poolName },
        });
        write.emit({ name: 'upstreams.changed', payload: { upstreamId: input.id } });
        const gone = remaining === 0 && input.deleteAccount && (await store.remove(input.id));
        if (gone) {
          // Nothing is left for its relink link to restore.
          await invites.revokeRelinkFor(input.id, actor);
          await write.audit({
            actor,
            action: 'upstream.deleted',
            targetType: 'upstream',
            targetId: input.id,
            poolId: null,
            details: { email: upstream.email },
          });
        }
        return gone;
      });
      if (deleted) relinks.cancel(input.id);
      return { deleted };
    },

    /**
     * The account's auth.json as a download: checked now, so a refusal reaches the operator
     * before any dialog; read and audited only when the file is written, with the tokens current then.
     */
    async exportAuth(id: string, handOver: boolean, actor: Actor): Promise<Download> {
      await authFile(id);
      return {
        fileName: 'auth.json',
        contentType: 'application/json; charset=utf-8',
        title: 'Export auth.json',
        async write(out) {
          const { upstream, text } = await authFile(id);
          await changes.write(async (write) => {
            const at = await store.recordLineage(id, handOver ? 'export_handoff' : 'export_copy', actor.name);
            const about = { actor, targetType: 'upstream', targetId: id, poolId: null } as const;
            // One instant for the lineage step, the export's audit entry and the hand-off.
            await write.audit({
              ...about,
              action: 'upstream.exported',
              details: { email: upstream.email, handedOver: handOver },
              occurredAt: at,
            });
            if (handOver && (await store.handOff(id, at))) {
              await write.audit({ ...about, action: 'upstream.handed_off', details: { email: upstream.email } });
            }
            write.emit({ name: 'upstreams.changed', payload: { upstreamId: id } });
          });
          out.write(text);
          return 1;
        },
      };
    },

    async importAuth(input: { poolId: string; file: AuthJsonFile }, actor: Actor): Promise<UpstreamRow> {
      secrets.require();
      const account = importedAccount(input.file, now());
      const upstreamId = await changes.write(async (write) => {
        const pool = await pools.requireActive(input.poolId);
        const link = await store.link(account, pool.id);
        await store.recordLineage(link.upstreamId, 'import', actor.name);
        await write.audit({
          actor,
          action: 'upstream.imported',
          targetType: 'upstream',
          targetId: link.upstreamId,
          poolId: pool.id,
          details: { email: account.email, poolName: pool.name, created: link.created },
        });
        write.emit({ name: 'upstreams.changed', payload: { upstreamId: link.upstreamId } });
        return link.upstreamId;
      });
      jobs.kick();
      return row(upstreamId);
    },

    relinkStart: (id: string, actor: Actor) => {
      secrets.require();
      return relinks.start(id, actor);
    },
    relinkCancel: (id: string) => relinks.cancel(id),
    relinkBrowserStart: (id: string, actor: Actor) => {
      secrets.require();
      return relinks.browserStart(id, actor);
    },
    relinkBrowserPaste: (id: string, text: string) => relinks.browserPaste(id, text),
    relinkLink: (id: string, input: { expiry: InviteExpiry; sendEmail: boolean }, actor: Actor) => {
      secrets.require();
      return relinkLinks.issue(id, input, actor);
    },

    /** Background refreshes and quota reads: `start` once the core is up; tests `sweep` by hand. */
    jobs,
    recoverInterrupted: (startedBefore?: number) => refresher.recoverInterrupted(startedBefore),
    stop() {
      unsubscribe();
      jobs.stop();
      relinks.stop();
    },
  };
}

export type UpstreamsService = ReturnType<typeof createUpstreamsService>;
