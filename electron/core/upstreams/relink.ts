import type { Foundation } from '../foundation';
import { sameAccount } from '../../../shared/accounts/same-account';
import type { RelinkFailure, RelinkState } from '../../../shared/contract';
import type { Actor } from '../audit/audit-log';
import { AppError } from '../errors';
import { OpenAIUnavailable } from '../openai/device-code-client';
import { createDeviceLoginEngine, type DeviceIds, type PendingLogin } from '../openai/device-login';
import { accessTokenExpiry, accountClaims } from '../openai/token-claims';
import { identityOf, type UpstreamsStore } from './upstreams-store';

interface Relink extends Omit<PendingLogin, 'id' | 'deadlineAt'> {
  actor: Actor;
  state: RelinkState;
  /** Dropped as soon as the relink ends: nothing can be done with it afterwards. */
  device: DeviceIds | null;
}

/**
 * Relink: a device-code login run from the console for one upstream (the operator passes the
 * code to the account's owner). It runs on the same engine as invite onboarding and, on approval,
 * replaces the stored tokens — only if the approving account is the same account. The device
 * code lives in memory only: a relink does not outlive the console.
 */
export function createRelinks(
  deps: Pick<Foundation, 'changes' | 'events' | 'logger' | 'issuer' | 'now'> & {
    store: UpstreamsStore;
    /** Revokes the account's relink link, if one is out: this relink won. Joins the write. */
    revokeLink: (id: string, actor: Actor) => void;
    onLinked: (id: string) => void;
  },
) {
  const { store, changes, events, logger, now } = deps;
  const relinks = new Map<string, Relink>();

  function publish(id: string, patch: Partial<RelinkState>) {
    const relink = relinks.get(id);
    if (!relink) return;
    relink.state = { ...relink.state, ...patch };
    // The code is only worth showing while it can still be approved.
    if (relink.state.state !== 'pending') {
      relink.state.userCode = null;
      relink.device = null;
    }
    events.emit({ name: 'upstreams.relink', payload: relink.state });
    events.emit({ name: 'upstreams.changed', payload: { upstreamId: id } });
  }

  const failed = (id: string, failure: RelinkFailure, approvedEmail: string | null = null) =>
    publish(id, { state: 'failed', failure, approvedEmail });

  const pending = (id: string) => {
    const relink = relinks.get(id);
    return relink?.state.state === 'pending' ? relink : undefined;
  };

  const engine = createDeviceLoginEngine({
    issuer: deps.issuer,
    now,
    logger,
    store: {
      pending(id) {
        const relink = pending(id);
        return relink && { id, ...relink, deadlineAt: relink.state.expiresAt ?? now() };
      },
      device: (id) => {
        const device = pending(id)?.device;
        if (!device) throw new Error(`no pending relink for ${id}`);
        return device;
      },
      reschedule(id, plan) {
        const relink = pending(id);
        if (relink) Object.assign(relink, plan);
        return relink !== undefined;
      },
    },
    hooks: {
      isCurrent: (id) => store.byId(id) !== undefined,
      async onApproved(id, tokens) {
        const relink = pending(id);
        const upstream = store.byId(id);
        if (!relink || !upstream) return;
        const claims = accountClaims(tokens.idToken);
        if (!sameAccount(claims, identityOf(upstream))) return failed(id, 'account_mismatch', claims.email);
        changes.write((write) => {
          store.replaceTokens(id, {
            email: claims.email ?? upstream.email,
            planType: claims.planType ?? upstream.plan_type,
            tokens,
            accessTokenExpiresAt: accessTokenExpiry(tokens.accessToken),
          });
          store.recordLineage(id, 'relink', relink.actor.name);
          deps.revokeLink(id, relink.actor);
          write.audit({
            actor: relink.actor,
            action: 'upstream.relinked',
            targetType: 'upstream',
            targetId: id,
            poolId: null,
            details: { email: upstream.email, via: 'console' },
          });
        });
        publish(id, { state: 'connected' });
        deps.onLinked(id);
      },
      onFailed: (id, failure) => failed(id, failure === 'superseded' ? 'cancelled' : failure),
    },
  });

  function cancel(id: string): RelinkState {
    if (pending(id)) {
      engine.cancel(id);
      failed(id, 'cancelled');
    }
    return (
      relinks.get(id)?.state ?? {
        upstreamId: id,
        state: 'failed',
        userCode: null,
        verificationUrl: null,
        expiresAt: null,
        failure: 'cancelled',
        approvedEmail: null,
      }
    );
  }

  return {
    cancel,

    /** The owner relinked the account through a relink link: a relink running here has lost. */
    superseded(id: string) {
      if (!pending(id)) return;
      engine.cancel(id);
      failed(id, 'relinked_by_link');
    },

    async start(id: string, actor: Actor): Promise<RelinkState> {
      store.existing(id);
      cancel(id);
      let code;
      try {
        code = await engine.requestCode();
      } catch (err) {
        if (!(err instanceof OpenAIUnavailable)) throw err;
        throw new AppError('openai_unavailable', 'OpenAI did not hand out a device code. Try again in a minute.');
      }
      const relink: Relink = {
        actor,
        device: { deviceAuthId: code.deviceAuthId, userCode: code.userCode },
        intervalSeconds: code.intervalSeconds,
        transientFailures: 0,
        nextPollAt: now() + code.intervalSeconds * 1000,
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
      engine.watch({ id, ...relink, deadlineAt: code.expiresAt });
      events.emit({ name: 'upstreams.changed', payload: { upstreamId: id } });
      return relink.state;
    },

    isPending: (id: string) => pending(id) !== undefined,

    stop() {
      engine.stop();
      relinks.clear();
    },
  };
}
