import type { InviteFacts, OnboardingFailure, OnboardingPageState } from '../../shared/onboarding/page-state';
import { expiryLabel } from '../../shared/format/expiry-label';
import { receiptLine } from '../../shared/onboarding/receipt';
import { el } from './dom';

export interface Actions {
  /** `again`: replace a code that is still pending with a new one. */
  start(again: boolean): void;
  /** The other way in: sign in in the browser and paste the address back. */
  browser(): void;
  copy(code: string, button: HTMLElement): void;
}

/** After this long without approval, explain the usual reason. */
const STILL_WAITING_MS = 90_000;

const FAILURES: Record<OnboardingFailure, { title: string; body: string }> = {
  code_expired: {
    title: 'The code expired',
    body: 'The approval window closed before the code was approved. If you did approve, device code authorization is probably off for your account: sign in in your browser instead. Otherwise start again for a fresh code.',
  },
  email_mismatch: {
    title: 'A different account approved the code',
    body: "The approved account's email does not match this invite.",
  },
  account_mismatch: {
    title: 'A different ChatGPT account approved the code',
    body: 'This link reconnects one particular account, and the one that approved is another (the same email in another workspace is another account). Nothing was changed.',
  },
  codex_not_enabled: {
    title: 'Codex is not enabled for this account',
    body: 'OpenAI says this account is not currently authorized to use Codex in its workspace. Ask your workspace administrator for access to Codex, then try again.',
  },
  denied: {
    title: 'The approval was denied',
    body: 'The code was denied on the OpenAI page. Start again if that was a mistake.',
  },
  openai_unavailable: {
    title: 'OpenAI is not answering',
    body: 'OpenAI could not be reached just now. Wait a moment and try again.',
  },
  console_unavailable: {
    title: 'The console cannot finish this right now',
    body: 'Pooler Console could not store the connection. Try again later, or tell the person who invited you.',
  },
};

function facts(invite: InviteFacts, now: number): HTMLElement {
  const row = (term: string, value: string) => el('div', { class: 'fact' }, el('dt', {}, term), el('dd', {}, value));
  return el(
    'dl',
    { class: 'facts' },
    row('Pool', invite.poolName),
    row('Codex account', invite.email),
    row(invite.kind === 'relink' ? 'Sent by' : 'Invited by', invite.inviter),
    row('Expires', expiryLabel(invite.expiresAt, now)),
  );
}

/** The two ways in, in plain words: a code by default, the browser when device-code login is off. */
function ways(): HTMLElement {
  return el(
    'ul',
    { class: 'ways' },
    el(
      'li',
      {},
      el('strong', {}, 'Approve with a code'),
      'Needs device code authorization on: ChatGPT → Settings → Security → "Enable device code authorization for Codex". For a workspace account, your workspace admin turns it on.',
    ),
    el(
      'li',
      {},
      el('strong', {}, 'Sign in in your browser'),
      'If device code authorization is off, sign in to OpenAI in your browser and paste the address you land on.',
    ),
  );
}

/** What to try when a code went unapproved: most often device-code login is off for the account. */
function browserHint(actions: Actions, lead: string): HTMLElement[] {
  return [
    el('aside', { class: 'note' }, lead),
    button('Sign in in your browser instead', () => actions.browser(), 'secondary'),
  ];
}

function message(title: string, body: string, tone: 'neutral' | 'success' | 'error'): HTMLElement[] {
  return [el('h2', { class: `state-title ${tone}` }, title), el('p', {}, body)];
}

/** A mismatch names both accounts, so the invitee knows which one to sign in with. */
function mismatchDetail(state: Extract<OnboardingPageState, { view: 'error' }>): string {
  const who = state.accountEmail
    ? `The code was approved as ${state.accountEmail}, but this invite is for ${state.invite.email}. `
    : '';
  return ` ${who}Sign in to ChatGPT as ${state.invite.email}, then try again.`;
}

/** The page's heading: a relink link asks to reconnect an account; an invite, to connect one. */
export function heading(state: OnboardingPageState): string {
  const relinkPool =
    'invite' in state && state.invite.kind === 'relink'
      ? state.invite.poolName
      : state.view === 'connected' && state.kind === 'relink'
        ? state.poolName
        : null;
  return relinkPool === null ? 'Connect your Codex account' : `Reconnect your Codex account to ${relinkPool}`;
}

function lead(invite: InviteFacts): string {
  return invite.kind === 'relink'
    ? `${invite.inviter} asks the owner of ${invite.email} to sign in again: this account's connection to the Pool ${invite.poolName} stopped working. Its Pools and history stay as they are.`
    : `${invite.inviter} invited ${invite.email} to join the Pool ${invite.poolName}.`;
}

/** Who must approve: for a relink link, the very account it restores. */
function mismatchAccountDetail(state: Extract<OnboardingPageState, { view: 'error' }>): string {
  const who = state.accountEmail ? ` The code was approved as ${state.accountEmail}.` : '';
  return `${who} Sign in to ChatGPT with the account ${state.invite.email} that this Pool uses, then try again.`;
}

export function view(state: OnboardingPageState, actions: Actions, now: number): HTMLElement[] {
  switch (state.view) {
    case 'ready':
      return [
        el('p', { class: 'lead' }, lead(state.invite)),
        facts(state.invite, now),
        ways(),
        el(
          'div',
          { class: 'actions' },
          button('Start device approval', () => actions.start(false)),
          button('Sign in in your browser', () => actions.browser(), 'secondary'),
        ),
      ];
    case 'pending': {
      const copy = el('button', { type: 'button', class: 'secondary' }, 'Copy code');
      copy.addEventListener('click', () => actions.copy(state.userCode, copy));
      const link = el(
        'a',
        { href: state.verificationUrl, target: '_blank', rel: 'noopener noreferrer' },
        state.verificationUrl,
      );
      return [
        el('h2', { class: 'state-title' }, 'Enter this code on the OpenAI page'),
        el(
          'div',
          { class: 'code-row' },
          el('output', { class: 'code', 'aria-label': 'Device code' }, state.userCode),
          copy,
        ),
        el(
          'ol',
          { class: 'steps' },
          el('li', {}, 'Open ', link, '.'),
          el('li', {}, `Sign in with ${state.invite.email} and enter the code.`),
          el('li', {}, 'Keep this page open; it continues when you approve.'),
        ),
        el(
          'p',
          { class: 'waiting', role: 'status' },
          el('span', { class: 'spinner', 'aria-hidden': 'true' }),
          'Waiting for approval…',
        ),
        ...(now - state.startedAt > STILL_WAITING_MS
          ? browserHint(
              actions,
              'Still waiting? If you approved and nothing happens, device code authorization is probably off for your account. Sign in in your browser instead, or turn it on in ChatGPT → Settings → Security and start again.',
            )
          : []),
        button('Start again with a new code', () => actions.start(true), 'secondary'),
      ];
    }
    case 'connected':
      return [
        ...(state.kind === 'relink'
          ? message(
              'Codex account reconnected',
              `${state.accountEmail} works in the Pool ${state.poolName} again. You can close this page.`,
              'success',
            )
          : message(
              'Codex account connected',
              `${state.accountEmail} joined the Pool ${state.poolName}. You can close this page.`,
              'success',
            )),
        // The receipt: what the console read of the account right after it connected.
        state.receipt
          ? el(
              'p',
              { class: state.receipt.problem ? 'note receipt' : 'receipt', role: 'status' },
              receiptLine(state.accountEmail, state.receipt),
            )
          : el('p', { class: 'receipt waiting', role: 'status' }, 'Reading the account’s usage…'),
      ];
    case 'error': {
      const failure = FAILURES[state.failure];
      const detail =
        state.failure === 'email_mismatch'
          ? mismatchDetail(state)
          : state.failure === 'account_mismatch'
            ? mismatchAccountDetail(state)
            : '';
      return [
        ...message(failure.title, failure.body + detail, 'error'),
        facts(state.invite, now),
        el(
          'div',
          { class: 'actions' },
          button('Try device approval again', () => actions.start(false)),
          // Most codes that expire unapproved met an account with device-code login off (reference §6.2).
          state.failure === 'code_expired'
            ? button('Sign in in your browser instead', () => actions.browser(), 'secondary')
            : button('Sign in in your browser', () => actions.browser(), 'secondary'),
        ),
      ];
    }
    case 'unavailable':
      return message(
        'This invite link cannot be used',
        'It may have been used already, revoked, or replaced. Ask the person who invited you for a fresh invite.',
        'neutral',
      );
    case 'expired':
      return message('This invite has expired', 'Ask the person who invited you for a fresh invite.', 'neutral');
  }
}

function button(label: string, onClick: () => void, kind = 'primary'): HTMLElement {
  const node = el('button', { type: 'button', class: kind }, label);
  node.addEventListener('click', onClick);
  return node;
}
