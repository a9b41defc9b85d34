/** What the invite page shows; the core computes it, the page renders it. Never holds the token. */

export interface InviteFacts {
  poolName: string;
  email: string;
  inviter: string;
  /** Unix ms. */
  expiresAt: number;
}

/** Why a device approval did not complete, as the page explains it. */
export type OnboardingFailure =
  'code_expired' | 'email_mismatch' | 'denied' | 'openai_unavailable' | 'console_unavailable';

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
  | { view: 'connected'; poolName: string; accountEmail: string }
  | { view: 'error'; invite: InviteFacts; failure: OnboardingFailure; accountEmail: string | null }
  | { view: 'unavailable' }
  | { view: 'expired' };
