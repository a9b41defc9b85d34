/** What the invite page shows; the core computes it, the page renders it. Never holds the token. */
import type { InviteKind } from '../contract/invites';
import type { Receipt } from './receipt';

export interface InviteFacts {
  /** `relink`: the page asks the owner to reconnect an account the Pool already has. */
  kind: InviteKind;
  poolName: string;
  email: string;
  inviter: string;
  /** Unix ms. */
  expiresAt: number;
}

/** Why a device approval did not complete, as the page explains it. */
export type OnboardingFailure =
  | 'code_expired'
  | 'email_mismatch'
  /** A relink link approved by a ChatGPT account other than the one it restores. */
  | 'account_mismatch'
  | 'denied'
  /** The browser sign-in said this account has no Codex (reference §11.4, missing_codex_entitlement). */
  | 'codex_not_enabled'
  | 'openai_unavailable'
  | 'console_unavailable';

export type OnboardingPageState =
  | { view: 'ready'; invite: InviteFacts }
  | {
      view: 'pending';
      invite: InviteFacts;
      userCode: string;
      verificationUrl: string;
      /** Unix ms: when the approval started, for the "still waiting?" hint. */
      startedAt: number;
      codeExpiresAt: number;
    }
  | {
      view: 'connected';
      kind: InviteKind;
      poolName: string;
      accountEmail: string;
      /** The account's plan and usage, read right after it connected; null while being read. */
      receipt: Receipt | null;
    }
  | { view: 'error'; invite: InviteFacts; failure: OnboardingFailure; accountEmail: string | null }
  | { view: 'unavailable' }
  | { view: 'expired' };
