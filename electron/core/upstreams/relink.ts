import type { RelinkState } from '../../../shared/contract';
import type { Actor, AuditLog } from '../audit/audit-log';
import type { Db } from '../db/open-database';
import { writeTransaction } from '../db/write-transaction';
import { AppError } from '../errors';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../log/logger';
import { nextStep } from '../onboarding/device-flow-runner';
import {
  exchangeAuthorizationCode,
  OpenAIUnavailable,
  pollDeviceToken,
  requestUserCode,
} from '../openai/device-code-client';
import { accessTokenExpiry, accountClaims } from '../openai/token-claims';
import type { UpstreamsStore } from './upstreams-store';

interface Relink {
  actor: Actor;
  state: RelinkState;
  device: { deviceAuthId: string; userCode: string } | null;
  interval: number;
  failures: number;
  timer: NodeJS.Timeout | null;
}

/**
 * Relink: a device-code login run from the console for one upstream (the operator passes the
 * code to the account's owner). It polls with the onboarding poller's rules (`nextStep`) and, on
 * approval, replaces the stored tokens — only if the approving account is the same account.
 * The device code lives in memory only: a relink does not outlive the console.
 */
export function createRelinks(deps: {
  db: Db;
  store: UpstreamsStore;
  audit: AuditLog;
  events: EventBus;
  logger: Logger;
  issuer: () => string;
  now: () => number;
  onLinked: (id: string) => void;
}) {
  const { db, store, audit, events, logger, now } = deps;
  const relinks = new Map<string, Relink>();

  function publish(relink: Relink, patch: Partial<RelinkState>) {
    relink.state = { ...relink.state, ...patch };
    if (relink.state.state !== 'pending') {
      // The code is only worth showing while it can still be approved.
      relink.state.userCode = null;
      if (relink.timer) clearTimeout(relink.timer);
      relink.timer = null;
      relink.device = null;
    }
    events.emit({ name: 'upstreams.relink', payload: relink.state });
    events.emit({ name: 'upstreams.changed', payload: { upstreamId: relink.state.upstreamId } });
  }

  function schedule(id: string, relink: Relink, at: number) {
    const timer = setTimeout(
      () => void poll(id, relink),
      Math.max(0, Math.min(at, relink.state.expiresAt ?? at) - now()),
    );
    timer.unref();
    relink.timer = timer;
  }

  async function complete(
    id: string,
    relink: Relink,
    grant: { authorizationCode: string; codeVerifier: string },
    actor: Actor,
  ) {
    const upstream = store.byId(id);
    if (!upstream) return publish(relink, { state: 'failed', failure: 'cancelled' });
    const tokens = await exchangeAuthorizationCode(deps.issuer(), grant);
    const claims = accountClaims(tokens.idToken);
    if (claims.accountId !== upstream.chatgpt_account_id || claims.userId !== upstream.chatgpt_user_id) {
      return publish(relink, { state: 'failed', failure: 'account_mismatch', approvedEmail: claims.email });
    }
    const auditId = writeTransaction(db, () => {
      store.replaceTokens(id, {
        email: claims.email ?? upstream.email,
        planType: claims.planType ?? upstream.plan_type,
        tokens,
        accessTokenExpiresAt: accessTokenExpiry(tokens.accessToken),
      });
      return audit.record({
        actor,
        action: 'upstream.relinked',
        targetType: 'upstream',
        targetId: id,
        poolId: null,
        details: { email: upstream.email },
      });
    });
    events.emit({ name: 'audit.appended', payload: { id: auditId } });
    publish(relink, { state: 'connected' });
    deps.onLinked(id);
  }

  async function poll(id: string, relink: Relink) {
    relink.timer = null;
    if (relinks.get(id) !== relink || relink.state.state !== 'pending' || !relink.device) return;
    if (now() >= (relink.state.expiresAt ?? 0)) return publish(relink, { state: 'failed', failure: 'code_expired' });
    const outcome = await pollDeviceToken(deps.issuer(), relink.device);
    if (relinks.get(id) !== relink || relink.state.state !== 'pending') return;
    const step = nextStep(outcome, { interval_seconds: relink.interval, transient_failures: relink.failures }, now());
    if (step.kind === 'poll') {
      relink.interval = step.intervalSeconds;
      relink.failures = step.transientFailures;
      return schedule(id, relink, step.at);
    }
    if (step.kind === 'stop') return publish(relink, { state: 'failed', failure: step.failure });
    if (outcome.kind !== 'authorized') return;
    try {
      await complete(
        id,
        relink,
        { authorizationCode: outcome.authorizationCode, codeVerifier: outcome.codeVerifier },
        relink.actor,
      );
    } catch (err) {
      logger.warn({ err, upstream: id }, 'relink could not be completed');
      publish(relink, {
        state: 'failed',
        failure: err instanceof OpenAIUnavailable ? 'openai_unavailable' : 'console_unavailable',
      });
    }
  }

  return {
    async start(id: string, actor: Actor): Promise<RelinkState> {
      store.existing(id);
      this.cancel(id);
      let code;
      try {
        code = await requestUserCode(deps.issuer(), now());
      } catch (err) {
        if (err instanceof OpenAIUnavailable)
          throw new AppError('openai_unavailable', 'OpenAI did not hand out a device code. Try again in a minute.');
        throw err;
      }
      const relink: Relink = {
        actor,
        device: { deviceAuthId: code.deviceAuthId, userCode: code.userCode },
        interval: code.intervalSeconds,
        failures: 0,
        timer: null,
        state: {
          upstreamId: id,
          state: 'pending',
          userCode: code.userCode,
          verificationUrl: `${deps.issuer()}/codex/device`,
          expiresAt: code.expiresAt,
          failure: null,
          approvedEmail: null,
        },
      };
      relinks.set(id, relink);
      schedule(id, relink, now() + code.intervalSeconds * 1000);
      events.emit({ name: 'upstreams.changed', payload: { upstreamId: id } });
      return relink.state;
    },

    cancel(id: string): RelinkState {
      const relink = relinks.get(id);
      if (relink?.state.state === 'pending') publish(relink, { state: 'failed', failure: 'cancelled' });
      return (
        relink?.state ?? {
          upstreamId: id,
          state: 'failed',
          userCode: null,
          verificationUrl: null,
          expiresAt: null,
          failure: 'cancelled',
          approvedEmail: null,
        }
      );
    },

    isPending: (id: string) => relinks.get(id)?.state.state === 'pending',

    stop() {
      for (const relink of relinks.values()) if (relink.timer) clearTimeout(relink.timer);
      relinks.clear();
    },
  };
}

export type Relinks = ReturnType<typeof createRelinks>;
